# One environment of the UX Flow Engine: the modules wired together. Each env root
# (envs/staging, envs/production) calls this with its own sizes; nothing here differs by environment.

locals {
  name   = "uxflow-${var.environment}"
  labels = { team = "platform", "cost-center" = "cc-1200-engineering", env = var.environment }
}

module "cluster" {
  source                     = "../modules/gke-cluster"
  project_id                 = var.project_id
  name                       = local.name
  region                     = var.region
  labels                     = local.labels
  release_channel            = var.release_channel
  machine_type               = var.machine_type
  max_vcpus                  = var.max_vcpus
  spot_share_percent         = var.spot_share_percent
  on_demand_min_nodes        = 1
  master_authorized_networks = var.master_authorized_networks
  deletion_protection        = var.deletion_protection
}

module "reservations" {
  source                   = "../modules/reservations"
  project_id               = var.project_id
  name                     = local.name
  region                   = var.region
  zone                     = "${var.region}-b"
  reserved_vcpus           = var.reserved_vcpus
  reserved_memory_gb       = var.reserved_memory_gb
  reservation_machine_type = var.machine_type
  commitment_plan          = var.commitment_plan
}

module "addons" {
  source        = "../modules/cluster-addons"
  project_id    = var.project_id
  name          = local.name
  workload_pool = module.cluster.workload_pool
}

module "knative" {
  source     = "../modules/knative"
  project_id = var.project_id
  name       = local.name
  labels     = local.labels
  api_host   = var.api_host
  depends_on = [module.addons]
}

module "platform" {
  source                           = "../modules/platform"
  project_id                       = var.project_id
  name                             = local.name
  region                           = var.region
  labels                           = local.labels
  external_secrets_service_account = module.addons.external_secrets_service_account
  billing_account                  = var.billing_account
  monthly_budget_usd               = var.monthly_budget_usd
  depends_on                       = [module.addons]
}

module "data" {
  source              = "../modules/data-backends"
  name                = local.name
  labels              = local.labels
  atlas_org_id        = var.atlas_org_id
  atlas_region        = "WESTERN_EUROPE"
  atlas_instance_size = var.atlas_instance_size
  atlas_allowed_cidrs = ["${module.cluster.nat_ip}/32"]
  chroma_storage_gb   = var.chroma_storage_gb
  atlas_restore_drill = var.atlas_restore_drill
}
