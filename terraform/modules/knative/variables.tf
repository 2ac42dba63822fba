variable "project_id" {
  description = "GCP project of the cluster."
  type        = string
}

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

variable "knative_version" {
  description = "Knative Serving and Eventing version the operator installs."
  type        = string
  default     = "1.18"
}

variable "api_host" {
  description = "Public API host served by the uxflow-public Gateway (the overlays' HTTPRoutes use the same host)."
  type        = string
}
