import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { CreditOperation } from '../../../shared/kernel/index.ts';
import { defineCronFunction, defineEventFunction, defineHttpFunction } from '../../../shared/platform/definition/define.ts';
import type { Domain, Privacy, SpotPreference } from '../../../shared/platform/definition/metadata.ts';
import type { EventType } from '../../../shared/platform/events/catalog.ts';
import type { ResourceRef } from '../../../shared/platform/resource.ts';
import { jwtAuthenticator } from '../../../shared/infra/auth/jwt-authenticator.ts';

/**
 * Small definitions for generator tests; handlers are trivial, only the metadata matters.
 * The type arguments widen each definition to the `FunctionDefinition` members the generators
 * take (a definition typed by its own route or event type is not assignable to them).
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

export const httpFunction = ({ method = 'get', path = '/v1/flows/{flowId}', hide, ...options }: HttpOptions = {}) =>
  defineHttpFunction<RouteConfig>({
    name: 'flows-get',
    domain: 'flows',
    description: 'Reads one flow.',
    route: createRoute({ method, path, ...(hide === undefined ? {} : { hide }), responses: { 200: { description: 'The flow' } } }),
    access: { type: 'authenticated', credentials: ['jwt', 'apiKey'], permission: 'flows:read' },
    authenticator: jwtAuthenticator,
    uses: [],
    costTags,
    privacy: { personalData: ['content', 'identity'], purpose: 'show the flow to its editors', legalBasis: 'contract' },
    handler: (c) => c.text('ok', 200),
    ...options,
  });

export const eventFunction = (options: Common & { events?: readonly EventType[] } = {}) =>
  defineEventFunction<EventType>({
    name: 'ops-record-heartbeat',
    domain: 'ops',
    description: 'Stores heartbeats.',
    events: ['com.uxflow.ops.heartbeat.v1'],
    uses: [],
    costTags: { ...costTags, tier: 'batch' },
    privacy: { personalData: 'none' },
    handler: async () => {},
    ...options,
  });

export const cronFunction = (options: Common & { schedule?: string } = {}) =>
  defineCronFunction({
    name: 'ops-heartbeat',
    domain: 'ops',
    description: 'Beats every five minutes.',
    schedule: '*/5 * * * *',
    uses: [],
    costTags: { ...costTags, tier: 'batch' },
    privacy: { personalData: 'none' },
    handler: async () => {},
    ...options,
  });
