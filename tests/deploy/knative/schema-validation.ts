import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { Broker } from '@kubernetes-models/knative/eventing.knative.dev/v1/Broker';
import { Trigger } from '@kubernetes-models/knative/eventing.knative.dev/v1/Trigger';
import { Service as KnativeService } from '@kubernetes-models/knative/serving.knative.dev/v1/Service';
import { PingSource } from '@kubernetes-models/knative/sources.knative.dev/v1/PingSource';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import { ReferenceGrant } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1/ReferenceGrant';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { LimitRange } from 'kubernetes-models/v1/LimitRange';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { fromRoot } from '../../../scripts/lib/paths.ts';
import type { K8sObject } from '../../../scripts/deploy-policy/types.ts';

type Validator = (object: K8sObject) => void;

/** A typed model validates its data against the published schema its package was generated from. */
const model =
  (Model: new (data: never) => { validate(): void }): Validator =>
  (object) =>
    new Model(object as never).validate();

const ajv = new Ajv({ allErrors: true, strict: false });

/** A CRD without a model package: its schema is kept under tests/deploy/schemas (each names its source). */
const jsonSchema = (file: string): Validator => {
  let validate: ValidateFunction | undefined;
  return (object) => {
    validate ??= ajv.compile(JSON.parse(readFileSync(fromRoot('tests', 'deploy', 'schemas', file), 'utf8')) as object);
    if (!validate(object)) throw new Error(ajv.errorsText(validate.errors));
  };
};

/** Every kind the manifests may contain, by `apiVersion/kind`. Anything else is unknown and fails. */
const validators: Readonly<Record<string, Validator>> = {
  'v1/Namespace': model(Namespace),
  'v1/ConfigMap': model(ConfigMap),
  'v1/ResourceQuota': model(ResourceQuota),
  'v1/LimitRange': model(LimitRange),
  'networking.k8s.io/v1/NetworkPolicy': model(NetworkPolicy),
  'policy/v1/PodDisruptionBudget': model(PodDisruptionBudget),
  'serving.knative.dev/v1/Service': model(KnativeService),
  'eventing.knative.dev/v1/Broker': model(Broker),
  'eventing.knative.dev/v1/Trigger': model(Trigger),
  'sources.knative.dev/v1/PingSource': model(PingSource),
  'gateway.networking.k8s.io/v1/HTTPRoute': model(HTTPRoute),
  'gateway.networking.k8s.io/v1beta1/ReferenceGrant': model(ReferenceGrant),
  'external-secrets.io/v1/ExternalSecret': jsonSchema('external-secret.schema.json'),
  // The stricter of the two PrometheusRule schemas we had; tests/deploy/observability validates with it too.
  'monitoring.coreos.com/v1/PrometheusRule': jsonSchema('prometheus-rule.schema.json'),
  'monitoring.coreos.com/v1/PodMonitor': jsonSchema('pod-monitor.schema.json'),
  'monitoring.coreos.com/v1/ServiceMonitor': jsonSchema('service-monitor.schema.json'),
  // GKE's Cloud CDN policy on the overlays' public GET rules (a CRD GKE installs; no model package).
  'networking.gke.io/v1/GCPHTTPFilter': jsonSchema('gcp-http-filter.schema.json'),
};

/** The schema error of one object, or `null` when it is valid. An unknown kind is an error. */
export const schemaError = (object: K8sObject): string | null => {
  const key = `${object.apiVersion ?? '?'}/${object.kind ?? '?'}`;
  const validate = validators[key];
  if (!validate) return `unknown kind ${key}: add its model or schema to tests/deploy/knative/schema-validation.ts`;
  try {
    validate(object);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};
