variable "project_id" {
  description = "GCP project of the cluster."
  type        = string
}

variable "name" {
  description = "Name prefix, e.g. uxflow-production."
  type        = string
}

variable "workload_pool" {
  description = "Workload Identity pool of the cluster (<project>.svc.id.goog)."
  type        = string
}

variable "istio_version" {
  description = "Istio Helm chart version (base, istiod, gateway)."
  type        = string
  default     = "1.25.2"
}

variable "knative_operator_version" {
  description = "Knative Operator Helm chart version."
  type        = string
  default     = "v1.18.0"
}

variable "external_secrets_version" {
  description = "External Secrets Operator Helm chart version."
  type        = string
  default     = "0.17.0"
}
