output "atlas_connection_host" {
  description = "SRV connection string of the Atlas cluster, without credentials."
  value       = mongodbatlas_advanced_cluster.this.connection_strings[0].standard_srv
}

output "upstash_rest_url" {
  description = "UPSTASH_REDIS_REST_URL of the database (its token goes into Secret Manager by hand)."
  value       = "https://${upstash_redis_database.this.endpoint}"
}

output "chroma_url" {
  description = "CHROMA_URL inside the cluster."
  value       = "http://${kubernetes_service_v1.chroma.metadata[0].name}.${kubernetes_namespace_v1.data.metadata[0].name}.svc.cluster.local:8000"
}

output "atlas_restore_drill_cluster" {
  description = "Name of the restore drill's target cluster, or null when no drill is running."
  value       = var.atlas_restore_drill ? mongodbatlas_advanced_cluster.drill[0].name : null
}
