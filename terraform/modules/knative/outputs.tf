output "api_address" {
  description = "Static IP of the public Gateway; point the API host's DNS A record here."
  value       = google_compute_global_address.api.address
}

output "config_features" {
  description = "The Knative config-features flags set for the generated Services."
  value       = local.config_features
}
