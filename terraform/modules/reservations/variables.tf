# The defaults are the stable floor that `npm run finops -- reservations --usage
# scripts/finops/fixtures/node-usage.json` recommends; it prints values for exactly these variable
# names, and tests/deploy/terraform/reservation-defaults.test.ts keeps the defaults equal to them.
# Set them per environment from the report over that environment's own 30 days of node usage.

variable "project_id" {
  description = "GCP project of the reservation and the commitment."
  type        = string
}

variable "name" {
  description = "Name prefix, e.g. uxflow-production."
  type        = string
}

variable "region" {
  description = "Region of the commitment."
  type        = string
}

variable "zone" {
  description = "Zone of the reservation (a reservation is zonal); one of the cluster's zones."
  type        = string
}

variable "reserved_vcpus" {
  description = "vCPUs kept reserved around the clock: the on-demand floor from the FinOps reservations report."
  type        = number
  default     = 5
  validation {
    condition     = var.reserved_vcpus >= 0
    error_message = "reserved_vcpus cannot be negative."
  }
}

variable "reserved_memory_gb" {
  description = "Memory (GB) kept reserved around the clock: the on-demand floor from the FinOps reservations report."
  type        = number
  default     = 24
  validation {
    condition     = var.reserved_memory_gb >= 0
    error_message = "reserved_memory_gb cannot be negative."
  }
}

variable "reservation_machine_type" {
  description = "Machine type of the reserved VMs; must match the on-demand pool's machine type to be consumed."
  type        = string
  default     = "e2-standard-4"
}

variable "commitment_plan" {
  description = "Committed-use discount over the reserved floor: none, TWELVE_MONTH or THIRTY_SIX_MONTH. A commitment cannot be cancelled."
  type        = string
  default     = "THIRTY_SIX_MONTH"
  validation {
    condition     = contains(["none", "TWELVE_MONTH", "THIRTY_SIX_MONTH"], var.commitment_plan)
    error_message = "commitment_plan is none, TWELVE_MONTH or THIRTY_SIX_MONTH."
  }
}
