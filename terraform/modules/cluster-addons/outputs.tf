output "external_secrets_service_account" {
  description = "Google service account the External Secrets Operator acts as."
  value       = google_service_account.external_secrets.email
}

output "knative_operator_release" {
  description = "Helm release of the Knative Operator (its CRDs exist once it is deployed)."
  value       = helm_release.knative_operator.name
}
