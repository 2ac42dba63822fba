output "cluster_name" {
  description = "Name of the GKE cluster."
  value       = google_container_cluster.this.name
}

output "location" {
  description = "Region of the cluster."
  value       = google_container_cluster.this.location
}

output "endpoint" {
  description = "Control plane endpoint, for the kubernetes and helm providers."
  value       = google_container_cluster.this.endpoint
}

output "ca_certificate" {
  description = "Cluster CA certificate (base64), for the kubernetes and helm providers."
  value       = google_container_cluster.this.master_auth[0].cluster_ca_certificate
}

output "workload_pool" {
  description = "Workload Identity pool of the cluster."
  value       = "${var.project_id}.svc.id.goog"
}

output "nat_ip" {
  description = "Static egress address of the nodes (allowed by the MongoDB Atlas access list)."
  value       = google_compute_address.nat.address
}

output "spot_max_nodes" {
  description = "Upper bound of the spot pool, from max_vcpus and spot_share_percent."
  value       = local.spot_max_nodes
}

output "on_demand_max_nodes" {
  description = "Upper bound of the on-demand pool, from max_vcpus and spot_share_percent."
  value       = local.on_demand_max_nodes
}
