output "api_address" {
  description = "Point the API host's DNS A record at this address."
  value       = module.knative.api_address
}

output "registry" {
  description = "Where the workflow pushes the functions image."
  value       = module.platform.registry
}

output "runtime_secrets" {
  description = "Secret Manager secret id => environment variable (add each value with gcloud)."
  value       = module.platform.runtime_secrets
}

output "node_pool_ceilings" {
  description = "Node ceilings that express the 70/30 policy."
  value       = { spot = module.cluster.spot_max_nodes, on_demand = module.cluster.on_demand_max_nodes }
}

output "reserved_vms" {
  description = "VMs held by the compute reservation."
  value       = module.reservations.reserved_vms
}

output "upstash_rest_url" {
  description = "UPSTASH_REDIS_REST_URL for the overlay's configuration."
  value       = module.data.upstash_rest_url
}

output "chroma_url" {
  description = "CHROMA_URL for the overlay's configuration."
  value       = module.data.chroma_url
}

output "atlas_restore_drill_cluster" {
  description = "The Atlas restore drill's target cluster, null outside a drill."
  value       = module.data.atlas_restore_drill_cluster
}
