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

# Reserved capacity: the defaults are what `npm run finops -- reservations --usage
# scripts/finops/fixtures/node-usage.json` prints (tests/deploy/terraform/reservation-defaults.test.ts keeps
# them equal). Set them from the report over 30 days of this environment's own node usage.
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
