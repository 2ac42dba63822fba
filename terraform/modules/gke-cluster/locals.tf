locals {
  labels = merge(var.labels, { service = "gke-cluster" })

  # The 70/30 policy as node counts: the spot pool may grow to spot_share_percent of max_vcpus,
  # the on-demand pool to the rest. Spot rounds down and on-demand up, so rounding never
  # moves capacity onto spot VMs.
  machine_type_parts  = split("-", var.machine_type)
  machine_vcpus       = tonumber(element(local.machine_type_parts, length(local.machine_type_parts) - 1))
  spot_max_nodes      = max(1, floor(var.max_vcpus * var.spot_share_percent / 100 / local.machine_vcpus))
  on_demand_max_nodes = max(var.on_demand_min_nodes, ceil(var.max_vcpus * (100 - var.spot_share_percent) / 100 / local.machine_vcpus))

  node_oauth_scopes = ["https://www.googleapis.com/auth/cloud-platform"]
  node_roles = [
    "roles/logging.logWriter",
    "roles/monitoring.metricWriter",
    "roles/monitoring.viewer",
    "roles/stackdriver.resourceMetadata.writer",
    "roles/artifactregistry.reader",
  ]
}
