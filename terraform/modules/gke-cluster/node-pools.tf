# Two pools. `spot`: spot VMs, tainted so that only workloads that tolerate eviction land there
# (the generated Knative Services tolerate the taint and prefer these nodes), scaling from 0.
# `on-demand`: regular VMs for critical functions (min-scale 1 in production) and ChromaDB,
# never below one node; it consumes the compute reservations.

resource "google_container_node_pool" "spot" {
  project  = var.project_id
  name     = "spot"
  cluster  = google_container_cluster.this.id
  location = var.region

  autoscaling {
    total_min_node_count = 0
    total_max_node_count = local.spot_max_nodes
    # Spot capacity is found wherever a zone has it.
    location_policy = "ANY"
  }

  management {
    auto_repair  = true
    auto_upgrade = true
  }

  node_config {
    spot            = true
    machine_type    = var.machine_type
    disk_size_gb    = var.disk_size_gb
    disk_type       = "pd-balanced"
    image_type      = "COS_CONTAINERD"
    service_account = google_service_account.nodes.email
    oauth_scopes    = local.node_oauth_scopes
    resource_labels = merge(local.labels, { service = "node-pool-spot" })
    labels          = { "uxflow.dev/capacity" = "spot" }

    # GKE's own spot taint key; the generated Services tolerate exactly this.
    taint {
      key    = "cloud.google.com/gke-spot"
      value  = "true"
      effect = "NO_SCHEDULE"
    }

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = true
    }
    metadata = {
      disable-legacy-endpoints = "true"
    }
  }
}

resource "google_container_node_pool" "on_demand" {
  project  = var.project_id
  name     = "on-demand"
  cluster  = google_container_cluster.this.id
  location = var.region

  autoscaling {
    total_min_node_count = var.on_demand_min_nodes
    total_max_node_count = local.on_demand_max_nodes
    location_policy      = "BALANCED"
  }

  management {
    auto_repair  = true
    auto_upgrade = true
  }

  node_config {
    machine_type    = var.machine_type
    disk_size_gb    = var.disk_size_gb
    disk_type       = "pd-balanced"
    image_type      = "COS_CONTAINERD"
    service_account = google_service_account.nodes.email
    oauth_scopes    = local.node_oauth_scopes
    resource_labels = merge(local.labels, { service = "node-pool-on-demand" })
    labels          = { "uxflow.dev/capacity" = "on-demand" }

    reservation_affinity {
      consume_reservation_type = var.reservation_affinity
    }

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = true
    }
    metadata = {
      disable-legacy-endpoints = "true"
    }
  }
}
