# Credentials come from the environment, never from files in the repo: gcloud application-default
# credentials for google, MONGODB_ATLAS_PUBLIC_KEY / MONGODB_ATLAS_PRIVATE_KEY for Atlas,
# UPSTASH_EMAIL / UPSTASH_API_KEY for Upstash.

provider "google" {
  project = var.project_id
  region  = var.region
}

data "google_client_config" "current" {}

provider "kubernetes" {
  host                   = "https://${module.cluster.endpoint}"
  token                  = data.google_client_config.current.access_token
  cluster_ca_certificate = base64decode(module.cluster.ca_certificate)
}

provider "helm" {
  kubernetes {
    host                   = "https://${module.cluster.endpoint}"
    token                  = data.google_client_config.current.access_token
    cluster_ca_certificate = base64decode(module.cluster.ca_certificate)
  }
}

provider "mongodbatlas" {}

provider "upstash" {}
