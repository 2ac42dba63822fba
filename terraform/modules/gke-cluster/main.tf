# The regional GKE cluster: Workload Identity, GKE cost allocation, Gateway API, Dataplane V2
# (which enforces the NetworkPolicies in knative/), private nodes. Its default node pool is
# removed; the `spot` and `on-demand` pools in node-pools.tf carry every workload.

resource "google_service_account" "nodes" {
  project      = var.project_id
  account_id   = "${var.name}-nodes"
  display_name = "GKE nodes of ${var.name} (least privilege)"
}

resource "google_project_iam_member" "nodes" {
  for_each = toset(local.node_roles)
  project  = var.project_id
  role     = each.value
  member   = "serviceAccount:${google_service_account.nodes.email}"
}

resource "google_container_cluster" "this" {
  #checkov:skip=CKV_GCP_12:Dataplane V2 (datapath_provider ADVANCED_DATAPATH) enforces NetworkPolicies; the network_policy block is for the older Calico add-on and GKE refuses both together.
  #checkov:skip=CKV_GCP_65:Google Groups for RBAC needs a Google Workspace domain, which the project does not assume; RBAC binds IAM principals. Add authenticator_groups_config where the organization has one.
  project             = var.project_id
  name                = var.name
  location            = var.region
  deletion_protection = var.deletion_protection
  resource_labels     = local.labels

  # The default pool is replaced by the managed pools below; its config is hardened anyway,
  # since it lives for the few minutes the cluster is being created.
  remove_default_node_pool = true
  initial_node_count       = 1
  node_config {
    service_account = google_service_account.nodes.email
    oauth_scopes    = local.node_oauth_scopes
    image_type      = "COS_CONTAINERD"
    resource_labels = local.labels
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

  network           = google_compute_network.this.id
  subnetwork        = google_compute_subnetwork.nodes.id
  networking_mode   = "VPC_NATIVE"
  datapath_provider = "ADVANCED_DATAPATH"
  ip_allocation_policy {
    cluster_secondary_range_name  = "pods"
    services_secondary_range_name = "services"
  }

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
    master_ipv4_cidr_block  = var.master_ipv4_cidr_block
  }

  master_authorized_networks_config {
    dynamic "cidr_blocks" {
      for_each = var.master_authorized_networks
      content {
        display_name = cidr_blocks.key
        cidr_block   = cidr_blocks.value
      }
    }
  }

  master_auth {
    client_certificate_config {
      issue_client_certificate = false
    }
  }

  # Cloud CDN for the Gateway (the GCPHTTPFilter of knative/overlays) needs GKE 1.35.2-gke.1751000
  # or later; the release channel keeps the cluster moving forward from there.
  min_master_version = var.min_master_version

  release_channel {
    channel = var.release_channel
  }

  workload_identity_config {
    workload_pool = "${var.project_id}.svc.id.goog"
  }

  # GKE cost allocation: per-namespace and per-label costs in the billing export, which the
  # FinOps report joins with the functions' cost labels.
  cost_management_config {
    enabled = true
  }

  gateway_api_config {
    channel = "CHANNEL_STANDARD"
  }

  enable_shielded_nodes       = true
  enable_intranode_visibility = true
  enable_legacy_abac          = false

  binary_authorization {
    evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE"
  }

  logging_config {
    enable_components = ["SYSTEM_COMPONENTS", "WORKLOADS"]
  }

  monitoring_config {
    enable_components = ["SYSTEM_COMPONENTS"]
    managed_prometheus {
      enabled = true
    }
  }

  lifecycle {
    # The removed default pool's settings are create-time only.
    ignore_changes = [node_config, initial_node_count]
  }
}
