variable "environment" {
  description = "staging or production: names the cluster (uxflow-<environment>) and sets the env label."
  type        = string
  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "environment is staging or production."
  }
}

variable "project_id" {
  description = "GCP project of this environment."
  type        = string
}

variable "region" {
  description = "GCP region of the cluster and its neighbours."
  type        = string
  default     = "europe-west1"
}

variable "billing_account" {
  description = "Billing account ID the budget watches."
  type        = string
}

variable "atlas_org_id" {
  description = "MongoDB Atlas organization ID."
  type        = string
}

variable "api_host" {
  description = "Public API host; must match the overlay's HTTPRoute hostnames."
  type        = string
}

variable "master_authorized_networks" {
  description = "CIDR blocks (name => CIDR) allowed to reach the cluster's control plane."
  type        = map(string)
  default     = {}
}

# Sizes: each env root sets these.

variable "release_channel" {
  description = "GKE release channel: RAPID, REGULAR or STABLE (it must offer modules/gke-cluster's min_master_version)."
  type        = string
  default     = "REGULAR"
}

variable "machine_type" {
  description = "Machine type of both node pools and of the reserved VMs."
  type        = string
  default     = "e2-standard-4"
}

variable "max_vcpus" {
  description = "vCPU ceiling across both node pools."
  type        = number
}

variable "spot_share_percent" {
  description = "Share of max_vcpus that may run on spot VMs (the 70/30 policy)."
  type        = number
  default     = 70
}

variable "deletion_protection" {
  description = "Whether Terraform refuses to delete the cluster."
  type        = bool
  default     = true
}

variable "monthly_budget_usd" {
  description = "Monthly billing budget; alerts at 50, 90 and 100 %."
  type        = number
}

variable "atlas_instance_size" {
  description = "MongoDB Atlas cluster tier, e.g. M10 or M30."
  type        = string
}

variable "chroma_storage_gb" {
  description = "Persistent volume size of the ChromaDB StatefulSet."
  type        = number
}

# Reserved capacity: the defaults are what `npm run finops -- reservations --usage
# scripts/finops/fixtures/node-usage.json` prints (tests/deploy/terraform/reservation-defaults.test.ts keeps
# them equal); production uses them, staging sets none. Set them from the report over 30 days of the
# environment's own node usage.
variable "reserved_vcpus" {
  description = "vCPUs to reserve (the stable on-demand floor from the FinOps reservations report)."
  type        = number
  default     = 5
}

variable "reserved_memory_gb" {
  description = "Memory (GB) to reserve (the stable on-demand floor from the FinOps reservations report)."
  type        = number
  default     = 24
}

variable "commitment_plan" {
  description = "none, TWELVE_MONTH or THIRTY_SIX_MONTH committed-use discount over the reserved floor."
  type        = string
  default     = "THIRTY_SIX_MONTH"
}

variable "atlas_restore_drill" {
  description = "Creates the Atlas restore drill's target cluster (docs/backups.md); true only during a drill."
  type        = bool
  default     = false
}
