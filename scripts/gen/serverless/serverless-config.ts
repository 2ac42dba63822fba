import type { NamedFunction } from '../../../shared/platform/definition/identity.ts';
import { yamlFile, type GeneratedFile } from '../generated-file.ts';
import { sortedRecord } from '../order.ts';
import { functionEvents } from './function-events.ts';
import { lambdaMemoryMiB } from './memory.ts';

/**
 * serverless-offline for the local fleet. Ports come from the environment so two fleets can run
 * side by side; no websocket or ALB port is needed, as those servers start only for
 * `websocket` / `alb` events, which we never generate.
 */
const offline = {
  host: '127.0.0.1',
  httpPort: '${env:UXFLOW_HTTP_PORT, 3000}',
  lambdaPort: '${env:UXFLOW_LAMBDA_PORT, 3002}',
  noPrependStageInUrl: true,
  noAuth: true,
  reloadHandler: false,
  // Functions read the variables the fleet runner passes in (service addresses, APP_ENV, BROKER_URL).
  localEnvironment: true,
};

const costTags = (definition: NamedFunction) =>
  sortedRecord({
    'cost-center': definition.costTags.costCenter,
    domain: definition.domain,
    team: definition.costTags.team,
    tier: definition.costTags.tier,
  });

const lambdaFunction = (definition: NamedFunction) => ({
  handler: `dist/lambda/${definition.name}.handler`,
  timeout: definition.timeoutSeconds,
  memorySize: lambdaMemoryMiB(definition.resources.limits.memory),
  tags: costTags(definition),
  events: functionEvents(definition),
});

/** serverless.yml (Serverless Framework v3, development only): one Lambda per function. */
export const renderServerless = (definitions: readonly NamedFunction[]): GeneratedFile =>
  yamlFile('serverless.yml', {
    service: 'uxflow',
    frameworkVersion: '3',
    provider: { name: 'aws', runtime: 'nodejs20.x', stage: 'dev', region: 'eu-west-1' },
    plugins: ['serverless-offline'],
    custom: { 'serverless-offline': offline },
    functions: Object.fromEntries(definitions.map((definition) => [definition.name, lambdaFunction(definition)])),
  });
