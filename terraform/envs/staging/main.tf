# Staging: small and cheap. Same shape as production, a quarter of its ceiling, no commitment.

locals {
  name   = "uxflow-staging"
  labels = { team = "platform", "cost-center" = "cc-1200-engineering", env = "staging" }
}

module "cluster" {
  source                     = "../../modules/gke-cluster"
  project_id                 = var.project_id
  name                       = local.name
  region                     = var.region
  labels                     = local.labels
  release_channel            = "REGULAR"
  machine_type               = "e2-standard-4"
  max_vcpus                  = 16
  spot_share_percent         = 70
  on_demand_min_nodes        = 1
  master_authorized_networks = var.master_authorized_networks
  deletion_protection        = false
}

module "reservations" {
  source                   = "../../modules/reservations"
  project_id               = var.project_id
  name                     = local.name
  region                   = var.region
  zone                     = "${var.region}-b"
  reserved_vcpus           = var.reserved_vcpus
  reserved_memory_gb       = var.reserved_memory_gb
  reservation_machine_type = "e2-standard-4"
  commitment_plan          = var.commitment_plan
}

module "addons" {
  source        = "../../modules/cluster-addons"
  project_id    = var.project_id
  name          = local.name
  workload_pool = module.cluster.workload_pool
}

module "knative" {
  source     = "../../modules/knative"
  project_id = var.project_id
  name       = local.name
  labels     = local.labels
  api_host   = var.api_host
  depends_on = [module.addons]
}

module "platform" {
  source                           = "../../modules/platform"
  project_id                       = var.project_id
  name                             = local.name
  region                           = var.region
  labels                           = local.labels
  external_secrets_service_account = module.addons.external_secrets_service_account
  billing_account                  = var.billing_account
  monthly_budget_usd               = 600
  depends_on                       = [module.addons]
}

module "data" {
  source              = "../../modules/data-backends"
  name                = local.name
  labels              = local.labels
  atlas_org_id        = var.atlas_org_id
  atlas_region        = "WESTERN_EUROPE"
  atlas_instance_size = "M10"
  atlas_allowed_cidrs = ["${module.cluster.nat_ip}/32"]
  chroma_storage_gb   = 10
}
