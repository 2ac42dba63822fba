# Atlas continuous cloud backup of the replica set (docs/backups.md). Point-in-time restore replays
# the oplog over the nearest snapshot, so the recovery point is any second of the PIT window:
# RPO ≈ the oplog shipping lag (seconds to a few minutes), well inside the 15-minute objective.
# Snapshots are the fallback beyond the window. Retention is short on purpose: a backup holds
# personal data, and an erased person's data only leaves the backups when they age out (or when
# the KEK versions that wrapped their data key are destroyed), so the longest retention here is
# the "backup window" docs/privacy.md reasons with.

resource "mongodbatlas_cloud_backup_schedule" "this" {
  project_id   = mongodbatlas_project.this.id
  cluster_name = mongodbatlas_advanced_cluster.this.name

  # Snapshots at 02:30 UTC, off peak for Europe.
  reference_hour_of_day    = 2
  reference_minute_of_hour = 30
  restore_window_days      = var.atlas_pit_window_days

  # Keep snapshots taken under an older policy with the retention they were taken with.
  update_snapshots = false

  policy_item_hourly {
    frequency_interval = 6
    retention_unit     = "days"
    retention_value    = var.atlas_pit_window_days
  }

  policy_item_daily {
    frequency_interval = 1
    retention_unit     = "days"
    retention_value    = 14
  }

  policy_item_weekly {
    frequency_interval = 7 # Sunday
    retention_unit     = "weeks"
    retention_value    = var.atlas_backup_retention_weeks
  }
}

# The restore drill's target (docs/backups.md, "Restore drill"): a throwaway cluster the monthly
# drill restores a point in time into, created only while `atlas_restore_drill` is true. Atlas
# deletes everything on a restore target first, so the drill can never touch production data.
resource "mongodbatlas_advanced_cluster" "drill" {
  count          = var.atlas_restore_drill ? 1 : 0
  project_id     = mongodbatlas_project.this.id
  name           = "${var.name}-drill"
  cluster_type   = "REPLICASET"
  backup_enabled = false

  replication_specs {
    region_configs {
      provider_name = "GCP"
      region_name   = var.atlas_region
      priority      = 7
      electable_specs {
        # A PIT restore needs a target of the same major version; M10 is the smallest that takes one.
        instance_size = "M10"
        node_count    = 3
      }
      auto_scaling {
        disk_gb_enabled = true
      }
    }
  }

  dynamic "tags" {
    for_each = merge(local.atlas_labels, { service = "mongodb-atlas-restore-drill" })
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
