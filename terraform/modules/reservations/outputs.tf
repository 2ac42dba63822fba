output "reserved_vms" {
  description = "VMs of reservation_machine_type held by the reservation."
  value       = local.vm_count
}

output "commitment" {
  description = "Name of the committed-use contract, or null when commitment_plan is none."
  value       = one(google_compute_region_commitment.floor[*].name)
}
