output "registry" {
  description = "Docker registry path of the functions image: <region>-docker.pkg.dev/<project>/<repository>."
  value       = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.functions.repository_id}"
}

output "runtime_secrets" {
  description = "Secret Manager secret id => environment variable, for the ExternalSecret in knative/."
  value       = { for key, variable in local.runtime_secrets : google_secret_manager_secret.runtime[key].secret_id => variable }
}
