variable "project_id" {
  description = "GCP project that holds the cluster."
  type        = string
}

variable "name" {
  description = "Cluster name, e.g. uxflow-production."
  type        = string
}

variable "region" {
  description = "Region of the regional cluster (its control plane and nodes span the region's zones)."
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

variable "release_channel" {
  description = "GKE release channel: RAPID, REGULAR or STABLE. It must offer min_master_version."
  type        = string
  default     = "REGULAR"
}

variable "min_master_version" {
  description = "Lowest control-plane version: Cloud CDN for the Gateway (GCPHTTPFilter) needs 1.35.2-gke.1751000."
  type        = string
  default     = "1.35.2-gke.1751000"
}

variable "machine_type" {
  description = "Machine type of both node pools; its last segment is its vCPU count (e2-standard-4 = 4 vCPUs)."
  type        = string
  default     = "e2-standard-4"
}

variable "max_vcpus" {
  description = "Upper bound of vCPUs across both node pools; split between them by spot_share_percent."
  type        = number
  default     = 48
}

variable "spot_share_percent" {
  description = "Share of max_vcpus that may run on spot VMs (the 70/30 policy: 70 % spot, 30 % on-demand)."
  type        = number
  default     = 70
  validation {
    condition     = var.spot_share_percent >= 0 && var.spot_share_percent <= 100
    error_message = "spot_share_percent is a percentage between 0 and 100."
  }
}

variable "on_demand_min_nodes" {
  description = "Floor of the on-demand pool (never below 1: critical functions and ChromaDB live there)."
  type        = number
  default     = 1
  validation {
    condition     = var.on_demand_min_nodes >= 1
    error_message = "The on-demand pool keeps at least one node."
  }
}

variable "disk_size_gb" {
  description = "Boot disk size of each node."
  type        = number
  default     = 50
}

variable "subnet_cidr" {
  description = "Primary range of the nodes' subnet."
  type        = string
  default     = "10.10.0.0/20"
}

variable "pods_cidr" {
  description = "Secondary range for pod IPs."
  type        = string
  default     = "10.20.0.0/14"
}

variable "services_cidr" {
  description = "Secondary range for Service IPs."
  type        = string
  default     = "10.24.0.0/20"
}

variable "master_ipv4_cidr_block" {
  description = "/28 range of the private control plane endpoint."
  type        = string
  default     = "172.16.0.0/28"
}

variable "master_authorized_networks" {
  description = "CIDR blocks allowed to reach the control plane (CI runners, the operators' VPN)."
  type        = map(string)
  default     = {}
}

variable "reservation_affinity" {
  description = "How on-demand nodes consume compute reservations: ANY_RESERVATION, NO_RESERVATION or SPECIFIC_RESERVATION."
  type        = string
  default     = "ANY_RESERVATION"
}

variable "deletion_protection" {
  description = "Refuse `terraform destroy` of the cluster."
  type        = bool
  default     = true
}
