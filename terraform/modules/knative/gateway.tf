# The public entry: a GKE Gateway (global external Application Load Balancer) named uxflow-public
# in namespace `gateway` with an `https` listener. The generated HTTPRoutes attach to it
# (parentRefs uxflow-public / gateway / https) and forward to Knative's local gateway.

locals {
  gateway_labels = merge(var.labels, { service = "gateway" })
}

resource "google_compute_global_address" "api" {
  project = var.project_id
  name    = "${var.name}-api"
  labels  = local.gateway_labels
}

resource "google_compute_managed_ssl_certificate" "api" {
  project = var.project_id
  name    = "${var.name}-api"
  managed {
    domains = [var.api_host]
  }
}

resource "kubernetes_namespace_v1" "gateway" {
  metadata {
    name   = "gateway"
    labels = local.gateway_labels
  }
}

resource "kubernetes_manifest" "public_gateway" {
  manifest = {
    apiVersion = "gateway.networking.k8s.io/v1"
    kind       = "Gateway"
    metadata = {
      name      = "uxflow-public"
      namespace = kubernetes_namespace_v1.gateway.metadata[0].name
      labels    = local.gateway_labels
    }
    spec = {
      gatewayClassName = "gke-l7-global-external-managed"
      addresses        = [{ type = "NamedAddress", value = google_compute_global_address.api.name }]
      listeners = [{
        name     = "https"
        protocol = "HTTPS"
        port     = 443
        hostname = var.api_host
        tls = {
          mode    = "Terminate"
          options = { "networking.gke.io/pre-shared-certs" = google_compute_managed_ssl_certificate.api.name }
        }
        # Only the functions' namespace (labelled by the generated namespace.yaml) may attach routes.
        allowedRoutes = {
          namespaces = {
            from     = "Selector"
            selector = { matchLabels = { "app.kubernetes.io/part-of" = "uxflow" } }
          }
        }
      }]
    }
  }
}

# The load balancer health-checks the backend; Knative's local gateway answers readiness on the
# Istio status port, not on its serving port.
resource "kubernetes_manifest" "local_gateway_health_check" {
  manifest = {
    apiVersion = "networking.gke.io/v1"
    kind       = "HealthCheckPolicy"
    metadata = {
      name      = "knative-local-gateway"
      namespace = "istio-system"
      labels    = local.gateway_labels
    }
    spec = {
      default = {
        config = {
          type            = "HTTP"
          httpHealthCheck = { port = 15021, requestPath = "/healthz/ready" }
        }
      }
      targetRef = { group = "", kind = "Service", name = "knative-local-gateway" }
    }
  }
}
