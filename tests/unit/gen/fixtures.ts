import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { CreditOperation } from '../../../shared/kernel/index.ts';
import { jwtOrApiKey } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { rateLimited } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import {
  authenticated,
  defineCronFunction,
  defineEventFunction,
  defineHttpFunction,
  type Domain,
  type Named,
  type Privacy,
  type SpotPreference,
} from '../../../shared/platform/definition/index.ts';
import type { EventType } from '../../../shared/platform/events/catalog.ts';
import type { ResourceRef } from '../../../shared/platform/resource.ts';

/**
 * Small definitions for generator tests, named as the loader names them; handlers are trivial,
 * only the metadata matters. The type arguments widen each definition to the `FunctionDefinition`
 * members the generators take (a definition typed by its own route or event type is not assignable to them).
 */
interface Common {
  name?: string;
  domain?: Domain;
  spot?: SpotPreference;
  uses?: readonly ResourceRef[];
  credits?: CreditOperation | null;
  privacy?: Privacy;
}

interface HttpOptions extends Common {
  method?: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path?: string;
  hide?: boolean;
}

const costTags = { team: 'flows-team', costCenter: 'cc-product', tier: 'standard' } as const;

const identity = <D>(definition: D, options: Common, name: string, domain: Domain): Named<D> => ({
  ...definition,
  name: options.name ?? name,
  domain: options.domain ?? domain,
});

export const httpFunction = ({ method = 'get', path = '/v1/flows/{flowId}', hide, name, domain, ...options }: HttpOptions = {}) =>
  identity(
    defineHttpFunction<RouteConfig>({
      description: 'Reads one flow.',
      route: createRoute({ method, path, ...(hide === undefined ? {} : { hide }), responses: { 200: { description: 'The flow' } } }),
      access: authenticated(jwtOrApiKey, 'flows:read'),
      rateLimit: rateLimited.api,
      uses: [],
      costTags,
      privacy: { personalData: ['content', 'identity'], purpose: 'show the flow to its editors', legalBasis: 'contract' },
      handler: (c) => c.text('ok', 200),
      ...options,
    }),
    { name, domain },
    'flows-get',
    'flows',
  );

export const eventFunction = ({ name, domain, ...options }: Common & { events?: readonly EventType[] } = {}) =>
  identity(
    defineEventFunction<EventType>({
      description: 'Stores heartbeats.',
      events: ['com.uxflow.ops.heartbeat.v1'],
      uses: [],
      costTags: { ...costTags, tier: 'batch' },
      privacy: { personalData: 'none' },
      handler: async () => {},
      ...options,
    }),
    { name, domain },
    'ops-record-heartbeat',
    'ops',
  );

export const cronFunction = ({ name, domain, ...options }: Common & { schedule?: string } = {}) =>
  identity(
    defineCronFunction({
      description: 'Beats every five minutes.',
      schedule: '*/5 * * * *',
      uses: [],
      costTags: { ...costTags, tier: 'batch' },
      privacy: { personalData: 'none' },
      handler: async () => {},
      ...options,
    }),
    { name, domain },
    'ops-heartbeat',
    'ops',
  );
