# Secret Manager secrets, by name only: values are added out of band
# (`gcloud secrets versions add uxflow-<key> --data-file=-`), never through Terraform, so no value
# lands in the state or the repository. The External Secrets Operator copies them into the
# `uxflow-runtime` Kubernetes Secret that every function reads (envFrom).
#
# `local.runtime_secrets` (secret id suffix => environment variable) lives in runtime-secrets.tf.json,
# written by `npm run gen` from the same key list as knative/base/secrets/uxflow-runtime.yaml: every
# required config variable, secret or not (AUTH_ISSUER, MAIL_FROM, MONGODB_DB, CHROMA_URL, … are
# plain settings kept here so that one mechanism configures the functions). The ids carry no
# environment (`uxflow-mongodb-uri`): each environment is its own GCP project.

locals {
  labels = merge(var.labels, { service = "secret-manager" })
}

resource "google_secret_manager_secret" "runtime" {
  for_each  = local.runtime_secrets
  project   = var.project_id
  secret_id = "uxflow-${each.key}"
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
