# Knative Serving and Eventing, reconciled by the Knative Operator (cluster-addons module).

locals {
  labels = merge(var.labels, { service = "knative" })

  # The generated Services set node affinity, tolerations and node selectors; the Knative webhook
  # refuses them unless these flags are exactly "enabled" (a misspelt value is silently ignored).
  config_features = {
    "kubernetes.podspec-affinity"     = "enabled"
    "kubernetes.podspec-tolerations"  = "enabled"
    "kubernetes.podspec-nodeselector" = "enabled"
  }
}

resource "kubernetes_namespace_v1" "knative_serving" {
  metadata {
    name   = "knative-serving"
    labels = local.labels
  }
}

resource "kubernetes_namespace_v1" "knative_eventing" {
  metadata {
    name   = "knative-eventing"
    labels = local.labels
  }
}

resource "kubernetes_manifest" "knative_serving" {
  manifest = {
    apiVersion = "operator.knative.dev/v1beta1"
    kind       = "KnativeServing"
    metadata = {
      name      = "knative-serving"
      namespace = kubernetes_namespace_v1.knative_serving.metadata[0].name
      labels    = local.labels
    }
    spec = {
      version = var.knative_version
      ingress = {
        istio = { enabled = true }
      }
      config = {
        features = local.config_features
        network = {
          "ingress-class" = "istio.ingress.networking.knative.dev"
        }
        autoscaler = {
          "enable-scale-to-zero"     = "true"
          "allow-zero-initial-scale" = "true"
        }
      }
    }
  }
}

resource "kubernetes_manifest" "knative_eventing" {
  manifest = {
    apiVersion = "operator.knative.dev/v1beta1"
    kind       = "KnativeEventing"
    metadata = {
      name      = "knative-eventing"
      namespace = kubernetes_namespace_v1.knative_eventing.metadata[0].name
      labels    = local.labels
    }
    spec = {
      version = var.knative_version
      config = {
        "config-br-defaults" = {
          "default-br-config" = "clusterDefault:\n  brokerClass: MTChannelBasedBroker\n  apiVersion: v1\n  kind: ConfigMap\n  name: config-br-default-channel\n  namespace: knative-eventing\n"
        }
      }
    }
  }
}
