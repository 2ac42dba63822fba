# The Knative Operator; the KnativeServing and KnativeEventing resources it reconciles live in the
# knative module (applied after this one, once the operator's CRDs exist).

resource "helm_release" "knative_operator" {
  name             = "knative-operator"
  repository       = "https://knative.github.io/operator"
  chart            = "knative-operator"
  version          = var.knative_operator_version
  namespace        = "knative-operator"
  create_namespace = true
}
