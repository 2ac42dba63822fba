# The one container image of all functions (see docs/image.md) is pushed here by the workflow:
# <region>-docker.pkg.dev/<project>/uxflow/functions. Each environment is its own project, so the
# repository id is the same everywhere; the overlays in knative/overlays name this path
# (tests/deploy/terraform/image-registry.test.ts keeps them equal).

resource "google_artifact_registry_repository" "functions" {
  project       = var.project_id
  location      = var.region
  repository_id = "uxflow"
  description   = "The uxflow functions image"
  format        = "DOCKER"
  kms_key_name  = var.kms_key_name
  labels        = merge(var.labels, { service = "artifact-registry" })

  docker_config {
    # A tag names one image forever, so overlays that pin a tag deploy what was tested.
    immutable_tags = true
  }

  cleanup_policies {
    id     = "keep-recent"
    action = "KEEP"
    most_recent_versions {
      keep_count = 30
    }
  }
}
