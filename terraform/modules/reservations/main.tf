# Reserved capacity for the on-demand floor. Spot VMs cannot consume reservations, so only the
# on-demand pool (reservation_affinity ANY_RESERVATION) uses it. The reservation holds whole VMs
# of reservation_machine_type: enough of them to cover both reserved_vcpus and reserved_memory_gb.

locals {
  machine_parts = split("-", var.reservation_machine_type)
  family        = local.machine_parts[0]
  machine_vcpus = tonumber(element(local.machine_parts, length(local.machine_parts) - 1))
  # GB per vCPU of the predefined shapes.
  memory_per_vcpu = lookup({ standard = 4, highmem = 8, highcpu = 1 }, local.machine_parts[1], 4)
  machine_memory  = local.machine_vcpus * local.memory_per_vcpu
  vm_count = max(
    ceil(var.reserved_vcpus / local.machine_vcpus),
    ceil(var.reserved_memory_gb / local.machine_memory),
  )

  # Commitment types by machine family (resource-based commitments are per family).
  commitment_type = lookup({
    e2  = "GENERAL_PURPOSE_E2"
    n2  = "GENERAL_PURPOSE_N2"
    n2d = "GENERAL_PURPOSE_N2D"
    t2d = "GENERAL_PURPOSE_T2D"
    n1  = "GENERAL_PURPOSE"
  }, local.family, "GENERAL_PURPOSE")
}

resource "google_compute_reservation" "floor" {
  count   = local.vm_count > 0 ? 1 : 0
  project = var.project_id
  name    = "${var.name}-floor"
  zone    = var.zone

  # Any matching VM may consume it, so GKE's on-demand nodes do without naming it.
  specific_reservation_required = false

  specific_reservation {
    count = local.vm_count
    instance_properties {
      machine_type = var.reservation_machine_type
    }
  }
}

# Terraform cannot delete a commitment: removing it from the configuration only forgets it, and
# the contract runs to its end date. It commits exactly the floor the FinOps report found
# (reserved_vcpus, reserved_memory_gb), not the whole reserved VMs, whose remainder stays on demand.
resource "google_compute_region_commitment" "floor" {
  count   = var.commitment_plan == "none" || local.vm_count == 0 ? 0 : 1
  project = var.project_id
  name    = "${var.name}-floor"
  region  = var.region
  plan    = var.commitment_plan
  type    = local.commitment_type

  resources {
    type   = "VCPU"
    amount = tostring(var.reserved_vcpus)
  }

  resources {
    type   = "MEMORY"
    amount = tostring(var.reserved_memory_gb * 1024) # MB
  }
}
