# Istio as Knative's networking layer (net-istio). Its in-cluster ingress gateway stays private:
# the Knative operator adds the `knative-local-gateway` Service in istio-system, which the public
# GKE Gateway's HTTPRoutes use as backend.

locals {
  istio_repository = "https://istio-release.storage.googleapis.com/charts"
}

resource "helm_release" "istio_base" {
  name             = "istio-base"
  repository       = local.istio_repository
  chart            = "base"
  version          = var.istio_version
  namespace        = "istio-system"
  create_namespace = true
}

resource "helm_release" "istiod" {
  name       = "istiod"
  repository = local.istio_repository
  chart      = "istiod"
  version    = var.istio_version
  namespace  = "istio-system"
  depends_on = [helm_release.istio_base]

  set {
    name  = "pilot.nodeSelector.cloud\\.google\\.com/gke-nodepool"
    value = "on-demand"
  }
}

resource "helm_release" "istio_ingressgateway" {
  name       = "istio-ingressgateway"
  repository = local.istio_repository
  chart      = "gateway"
  version    = var.istio_version
  namespace  = "istio-system"
  depends_on = [helm_release.istiod]

  # net-istio selects the gateway pods by this label.
  set {
    name  = "labels.istio"
    value = "ingressgateway"
  }

  # Reached only through the GKE Gateway, never from outside the cluster directly.
  set {
    name  = "service.type"
    value = "ClusterIP"
  }
}
