variable "name" {
  description = "Name prefix, e.g. uxflow-production."
  type        = string
}

variable "labels" {
  description = "Cost labels team, cost-center and env; each resource adds its own `service` label."
  type        = map(string)
  validation {
    condition     = alltrue([for key in ["team", "cost-center", "env"] : try(length(var.labels[key]) > 0, false)])
    error_message = "labels must carry non-empty team, cost-center and env."
  }
}

variable "atlas_org_id" {
  description = "MongoDB Atlas organization that owns the project."
  type        = string
}

variable "atlas_region" {
  description = "Atlas name of the GCP region, next to the cluster (e.g. WESTERN_EUROPE for europe-west1)."
  type        = string
}

variable "atlas_instance_size" {
  description = "Atlas tier of the dedicated replica set (M10 and up)."
  type        = string
  default     = "M10"
}

variable "atlas_allowed_cidrs" {
  description = "Addresses allowed to connect to Atlas: the cluster's NAT egress IP as a /32."
  type        = list(string)
}

variable "upstash_primary_region" {
  description = "Primary region of the global Upstash Redis database."
  type        = string
  default     = "eu-west-1"
}

variable "chroma_image" {
  description = "ChromaDB server image, pinned by tag (same server version as local development)."
  type        = string
  default     = "chromadb/chroma:1.5.9"
}

variable "chroma_storage_gb" {
  description = "Size of ChromaDB's persistent volume."
  type        = number
  default     = 20
}

variable "functions_namespace" {
  description = "Namespace of the functions, the only clients allowed to reach ChromaDB."
  type        = string
  default     = "uxflow"
}

variable "atlas_pit_window_days" {
  description = "Point-in-time restore window of the Atlas continuous backup, in days (hourly snapshots are kept as long)."
  type        = number
  default     = 7
  validation {
    condition     = var.atlas_pit_window_days >= 1 && var.atlas_pit_window_days <= 14
    error_message = "atlas_pit_window_days must be between 1 and 14 (the daily snapshots' retention)."
  }
}

variable "atlas_backup_retention_weeks" {
  description = "How long weekly snapshots are kept: the longest any backup is kept (the backup window of crypto-shredding)."
  type        = number
  default     = 5
  validation {
    condition     = var.atlas_backup_retention_weeks >= 2 && var.atlas_backup_retention_weeks <= 8
    error_message = "atlas_backup_retention_weeks must be between 2 and 8: erased data leaves the backups only when they age out."
  }
}

variable "atlas_restore_drill" {
  description = "Creates the restore drill's target cluster <name>-drill (true only during a drill)."
  type        = bool
  default     = false
}
