# MongoDB Atlas: a project and a dedicated three-node replica set on GCP, next to the cluster.
# Database users are not managed here (a password would land in the state): create one in Atlas
# and store its connection string in the `mongodb-uri` Secret Manager secret.

locals {
  atlas_labels = merge(var.labels, { service = "mongodb-atlas" })
}

resource "mongodbatlas_project" "this" {
  name   = var.name
  org_id = var.atlas_org_id
  tags   = local.atlas_labels
}

resource "mongodbatlas_project_ip_access_list" "cluster" {
  for_each   = toset(var.atlas_allowed_cidrs)
  project_id = mongodbatlas_project.this.id
  cidr_block = each.value
  comment    = "GKE egress (Cloud NAT) of ${var.name}"
}

resource "mongodbatlas_advanced_cluster" "this" {
  project_id   = mongodbatlas_project.this.id
  name         = var.name
  cluster_type = "REPLICASET"
  # Continuous cloud backup: snapshots plus the oplog, so any second of the window can be restored
  # (backup.tf holds the policy).
  backup_enabled = true
  pit_enabled    = true

  replication_specs {
    region_configs {
      provider_name = "GCP"
      region_name   = var.atlas_region
      priority      = 7
      electable_specs {
        instance_size = var.atlas_instance_size
        node_count    = 3
      }
      auto_scaling {
        disk_gb_enabled = true
      }
    }
  }

  dynamic "tags" {
    for_each = local.atlas_labels
    content {
      key   = tags.key
      value = tags.value
    }
  }

  advanced_configuration {
    minimum_enabled_tls_protocol = "TLS1_2"
    javascript_enabled           = false
  }
}
