# Secret Manager secrets, by name only: values are added out of band
# (`gcloud secrets versions add <id> --data-file=-`), never through Terraform, so no value lands
# in the state or the repository. The External Secrets Operator copies them into the
# `uxflow-runtime` Kubernetes Secret that every function reads (envFrom).

locals {
  labels = merge(var.labels, { service = "secret-manager" })

  # Secret id suffix => the environment variable the functions read it as.
  runtime_secrets = {
    "mongodb-uri"              = "MONGODB_URI"
    "upstash-redis-rest-token" = "UPSTASH_REDIS_REST_TOKEN"
    "chroma-token"             = "CHROMA_TOKEN"
    "stripe-secret-key"        = "STRIPE_SECRET_KEY"
    "stripe-webhook-secret"    = "STRIPE_WEBHOOK_SECRET"
    "smtp-url"                 = "SMTP_URL"
    "auth-key-encryption-key"  = "AUTH_KEY_ENCRYPTION_KEY"
    "google-client-secret"     = "GOOGLE_CLIENT_SECRET"
    "github-client-secret"     = "GITHUB_CLIENT_SECRET"
  }
}

resource "google_secret_manager_secret" "runtime" {
  for_each  = local.runtime_secrets
  project   = var.project_id
  secret_id = "${var.name}-${each.key}"
  labels    = merge(local.labels, { "env-var" = lower(replace(each.value, "_", "-")) })

  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_iam_member" "external_secrets" {
  for_each  = google_secret_manager_secret.runtime
  project   = var.project_id
  secret_id = each.value.secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${var.external_secrets_service_account}"
}

# The store the generated ExternalSecrets in knative/ name (ClusterSecretStore gcp-secret-manager).
resource "kubernetes_manifest" "secret_store" {
  manifest = {
    apiVersion = "external-secrets.io/v1"
    kind       = "ClusterSecretStore"
    metadata = {
      name   = "gcp-secret-manager"
      labels = local.labels
    }
    spec = {
      provider = {
        gcpsm = { projectID = var.project_id }
      }
    }
  }
}
