variable "project_id" {
  description = "GCP project of the registry and the secrets."
  type        = string
}

variable "name" {
  description = "Name prefix, e.g. uxflow-production."
  type        = string
}

variable "region" {
  description = "Region of the Artifact Registry repository."
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

variable "external_secrets_service_account" {
  description = "Google service account of the External Secrets Operator (cluster-addons output)."
  type        = string
}

variable "billing_account" {
  description = "Billing account ID (XXXXXX-XXXXXX-XXXXXX) the budget watches."
  type        = string
}

variable "monthly_budget_usd" {
  description = "Monthly budget of the environment's project, in US dollars."
  type        = number
}

variable "budget_alert_thresholds" {
  description = "Fractions of the budget at which an alert is sent (actual spend)."
  type        = list(number)
  default     = [0.5, 0.9, 1.0]
}

variable "budget_notification_channels" {
  description = "Cloud Monitoring notification channel IDs that receive budget alerts (besides billing admins)."
  type        = list(string)
  default     = []
}

variable "kms_key_name" {
  description = "Cloud KMS key (projects/…/cryptoKeys/…) that encrypts the registry's images; null uses Google-managed keys."
  type        = string
  default     = null
}
