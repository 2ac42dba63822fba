# External Secrets Operator, authenticated to Secret Manager with Workload Identity: its
# Kubernetes service account impersonates a Google service account that may read the secrets.
# The platform module grants that account access to each secret and adds the ClusterSecretStore.

locals {
  eso_namespace       = "external-secrets"
  eso_service_account = "external-secrets"
}

resource "google_service_account" "external_secrets" {
  project      = var.project_id
  account_id   = "${var.name}-eso"
  display_name = "External Secrets Operator of ${var.name}"
}

resource "google_service_account_iam_member" "external_secrets_workload_identity" {
  service_account_id = google_service_account.external_secrets.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.workload_pool}[${local.eso_namespace}/${local.eso_service_account}]"
}

resource "helm_release" "external_secrets" {
  name             = "external-secrets"
  repository       = "https://charts.external-secrets.io"
  chart            = "external-secrets"
  version          = var.external_secrets_version
  namespace        = local.eso_namespace
  create_namespace = true

  set {
    name  = "serviceAccount.name"
    value = local.eso_service_account
  }

  set {
    name  = "serviceAccount.annotations.iam\\.gke\\.io/gcp-service-account"
    value = google_service_account.external_secrets.email
  }
}
