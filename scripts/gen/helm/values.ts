import { cluster } from '../knative/cluster.ts';
import type { Environment } from '../knative/overlays/environments.ts';
import type { WorkloadSettings } from '../knative/overlays/index.ts';

/** The chart's values for one environment: what its kustomize overlay sets, in Helm's terms. */
export const chartValues = (environment: Environment, settings: readonly WorkloadSettings[]) => ({
  environment: environment.name,
  image: { repository: environment.image.newName, tag: environment.image.newTag },
  apiHost: environment.apiHost,
  cdn: { enabled: environment.isBehindCdn },
  secrets: { storeName: cluster.secretStore, refreshInterval: '1h' },
  functions: Object.fromEntries(
    settings.map(({ name, ...rest }) => [
      name,
      { tier: rest.tier, minScale: rest.minScale, target: rest.target, containerConcurrency: rest.containerConcurrency, spot: rest.spot },
    ]),
  ),
});

/** values.schema.json: `helm lint`, `install` and `template` refuse values that do not fit. */
export const valuesSchema = (functionNames: readonly string[]) => {
  const setting = {
    type: 'object',
    additionalProperties: false,
    required: ['tier', 'minScale', 'target', 'containerConcurrency', 'spot'],
    properties: {
      tier: { enum: ['critical', 'standard', 'batch'] },
      minScale: { type: 'integer', minimum: 0 },
      target: { type: 'integer', minimum: 1 },
      containerConcurrency: { type: 'integer', minimum: 0 },
      spot: { enum: ['preferred', 'required', 'never'] },
    },
  };
  return {
    $schema: 'https://json-schema.org/draft-07/schema#',
    type: 'object',
    additionalProperties: false,
    required: ['environment', 'image', 'apiHost', 'cdn', 'secrets', 'functions'],
    properties: {
      environment: { enum: ['staging', 'production'] },
      image: {
        type: 'object',
        additionalProperties: false,
        required: ['repository', 'tag'],
        properties: { repository: { type: 'string', minLength: 1 }, tag: { type: 'string', minLength: 1 } },
      },
      apiHost: { type: 'string', minLength: 1 },
      cdn: { type: 'object', additionalProperties: false, required: ['enabled'], properties: { enabled: { type: 'boolean' } } },
      secrets: {
        type: 'object',
        additionalProperties: false,
        required: ['storeName', 'refreshInterval'],
        properties: { storeName: { type: 'string', minLength: 1 }, refreshInterval: { type: 'string', pattern: '^[0-9]+(s|m|h)$' } },
      },
      functions: {
        type: 'object',
        additionalProperties: false,
        required: [...functionNames],
        properties: Object.fromEntries(functionNames.map((name) => [name, setting])),
      },
    },
  };
};
