# Production: the 70/30 split over a 48 vCPU ceiling; reserves the floor the FinOps report finds (the stack's defaults).
# Everything else is terraform/stack; the values of this installation are in terraform.tfvars.

terraform {
  required_version = ">= 1.6.0, < 2.0.0"

  # State in a GCS bucket named at init: terraform init -backend-config=bucket=<bucket>
  backend "gcs" {
    prefix = "uxflow/production"
  }
}

# This installation's values (terraform.tfvars); terraform/stack/variables.tf says what each one is.
variable "project_id" { type = string }
variable "billing_account" { type = string }
variable "atlas_org_id" { type = string }
variable "api_host" { type = string }
variable "master_authorized_networks" {
  type    = map(string)
  default = {}
}
# The restore drill (docs/backups.md): terraform apply -var atlas_restore_drill=true, then false.
variable "atlas_restore_drill" {
  type    = bool
  default = false
}

module "stack" {
  source = "../../stack"

  environment                = "production"
  project_id                 = var.project_id
  billing_account            = var.billing_account
  atlas_org_id               = var.atlas_org_id
  api_host                   = var.api_host
  master_authorized_networks = var.master_authorized_networks
  atlas_restore_drill        = var.atlas_restore_drill

  max_vcpus           = 48
  deletion_protection = true
  monthly_budget_usd  = 2500
  atlas_instance_size = "M30"
  chroma_storage_gb   = 50
}

output "stack" {
  description = "api_address, registry, runtime_secrets, node_pool_ceilings, reserved_vms, upstash_rest_url, chroma_url (terraform/stack/outputs.tf)."
  value       = module.stack
}
