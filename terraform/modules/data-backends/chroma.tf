# ChromaDB as a one-replica StatefulSet on the on-demand pool (a spot eviction would take the
# vector store down), data on a persistent volume, reachable only from the functions' namespace.

locals {
  chroma_labels   = merge(var.labels, { service = "chromadb" })
  chroma_selector = { "app.kubernetes.io/name" = "chromadb" }
}

resource "kubernetes_namespace_v1" "data" {
  metadata {
    name   = "data"
    labels = local.chroma_labels
  }
}

resource "kubernetes_service_v1" "chroma" {
  metadata {
    name      = "chroma"
    namespace = kubernetes_namespace_v1.data.metadata[0].name
    labels    = local.chroma_labels
  }
  spec {
    selector = local.chroma_selector
    port {
      name        = "http"
      port        = 8000
      target_port = "http"
    }
  }
}

resource "kubernetes_stateful_set_v1" "chroma" {
  metadata {
    name      = "chroma"
    namespace = kubernetes_namespace_v1.data.metadata[0].name
    labels    = local.chroma_labels
  }

  spec {
    service_name = kubernetes_service_v1.chroma.metadata[0].name
    replicas     = 1
    selector {
      match_labels = local.chroma_selector
    }

    template {
      metadata {
        labels = merge(local.chroma_labels, local.chroma_selector)
      }

      spec {
        node_selector                    = { "cloud.google.com/gke-nodepool" = "on-demand" }
        automount_service_account_token  = false
        termination_grace_period_seconds = 30

        security_context {
          run_as_non_root = true
          run_as_user     = 1000
          run_as_group    = 1000
          fs_group        = 1000
          seccomp_profile {
            type = "RuntimeDefault"
          }
        }

        container {
          name              = "chroma"
          image             = var.chroma_image
          image_pull_policy = "Always"

          env {
            name  = "ANONYMIZED_TELEMETRY"
            value = "False"
          }

          port {
            name           = "http"
            container_port = 8000
          }

          resources {
            requests = { cpu = "500m", memory = "1Gi" }
            limits   = { cpu = "1", memory = "2Gi" }
          }

          readiness_probe {
            http_get {
              path = "/api/v2/heartbeat"
              port = "http"
            }
            period_seconds = 10
          }

          liveness_probe {
            http_get {
              path = "/api/v2/heartbeat"
              port = "http"
            }
            initial_delay_seconds = 30
            period_seconds        = 20
          }

          security_context {
            allow_privilege_escalation = false
            read_only_root_filesystem  = true
            capabilities {
              drop = ["ALL"]
            }
          }

          volume_mount {
            name       = "data"
            mount_path = "/data"
          }

          volume_mount {
            name       = "tmp"
            mount_path = "/tmp"
          }
        }

        volume {
          name = "tmp"
          empty_dir {}
        }
      }
    }

    volume_claim_template {
      metadata {
        name   = "data"
        labels = local.chroma_labels
      }
      spec {
        access_modes       = ["ReadWriteOnce"]
        storage_class_name = "standard-rwo"
        resources {
          requests = { storage = "${var.chroma_storage_gb}Gi" }
        }
      }
    }
  }
}

# Only the functions may reach ChromaDB; it has no token auth of its own.
resource "kubernetes_network_policy_v1" "chroma" {
  metadata {
    name      = "chroma-from-functions"
    namespace = kubernetes_namespace_v1.data.metadata[0].name
    labels    = local.chroma_labels
  }
  spec {
    pod_selector {
      match_labels = local.chroma_selector
    }
    policy_types = ["Ingress"]
    ingress {
      from {
        namespace_selector {
          match_labels = { "kubernetes.io/metadata.name" = var.functions_namespace }
        }
      }
      ports {
        port     = "8000"
        protocol = "TCP"
      }
    }
  }
}
