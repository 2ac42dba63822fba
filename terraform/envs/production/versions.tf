terraform {
  required_version = ">= 1.6.0, < 2.0.0"

  # State in a GCS bucket named at init: terraform init -backend-config=bucket=<bucket>
  backend "gcs" {
    prefix = "uxflow/production"
  }

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.40"
    }
    helm = {
      source  = "hashicorp/helm"
      version = "~> 2.17"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.37"
    }
    mongodbatlas = {
      source  = "mongodb/mongodbatlas"
      version = "~> 1.36"
    }
    upstash = {
      source  = "upstash/upstash"
      version = "~> 1.5"
    }
  }
}
