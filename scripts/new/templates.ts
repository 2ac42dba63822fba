import { workspacePermissions } from '../../shared/kernel/index.ts';

/**
 * What the scaffold writes. Every placeholder carries the marker below: the files type-check, lint
 * and generate as they are, and `tests/unit/new/leftovers.test.ts` fails until each is replaced.
 */
export const placeholder = 'TODO(scaffold)';

export const kinds = ['http', 'cron', 'event'] as const;
export type Kind = (typeof kinds)[number];

export interface Target {
  kind: Kind;
  domain: string;
  /** The file name without `.ts`, kebab case. */
  base: string;
  /** `<domain>-<base>`: the function's name. */
  name: string;
  /** For an event consumer: the CloudEvent type it subscribes to. */
  eventType: string;
}

const costTags = (domain: string, tier: string) => `{ team: '${domain}', costCenter: 'cc-${domain}', tier: '${tier}' }`;

/** `<domain>:read` when the domain has such a permission, else `workspace:read`. */
const readPermission = (domain: string) =>
  (workspacePermissions as readonly string[]).includes(`${domain}:read`) ? `${domain}:read` : 'workspace:read';

export const httpPath = (target: Target) => `/v1/workspaces/{workspaceId}/${target.base}`;

const httpFunction = (target: Target) => `import { createRoute, z } from '@hono/zod-openapi';
import { jwtOrApiKey } from '../../shared/infra/auth/jwt-authenticator.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';
import { authenticated, defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, workspaceParams } from '../../shared/platform/http/schemas.ts';

const route = createRoute({
  method: 'get',
  path: '${httpPath(target)}',
  tags: ['${target.domain}'],
  summary: '${placeholder}: one line for the API reference',
  request: { params: workspaceParams },
  responses: { 200: json('${placeholder}: what the answer holds', z.object({ items: z.array(z.object({ id: z.string() })) })) },
});

export default defineHttpFunction({
  description: '${placeholder}: what it does, for docs/functions.md.',
  route,
  // The workspace in the path is checked by the guard: a member with the permission, else 403 or 404.
  access: authenticated(jwtOrApiKey, '${readPermission(target.domain)}'),
  rateLimit: rateLimited.api,
  uses: [],
  costTags: ${costTags(target.domain, 'standard')},
  privacy: { personalData: 'none' },
  // Thin: validated input, one call of the domain's service, the answer.
  handler: (c) => c.json({ items: [] }, 200),
});
`;

const cronFunction = (target: Target) => `import { defineCronFunction } from '../../shared/platform/definition/index.ts';

export default defineCronFunction({
  description: '${placeholder}: what each run does, for docs/functions.md.',
  // Five fields, UTC.
  schedule: '0 3 * * *',
  uses: [],
  costTags: ${costTags(target.domain, 'batch')},
  privacy: { personalData: 'none' },
  // One call of the domain's system service; a failure throws, and the next tick tries again.
  handler: async (tick, { log }) => {
    log.info({ tickId: tick.id }, '${target.name} ran');
  },
});
`;

const eventFunction = (target: Target) => `import { defineEventFunction } from '../../shared/platform/definition/index.ts';

export default defineEventFunction({
  description: '${placeholder}: what it does with each event, for docs/functions.md.',
  events: ['${target.eventType}'],
  uses: [],
  costTags: ${costTags(target.domain, 'batch')},
  privacy: { personalData: 'none' },
  // Idempotent: the broker delivers at least once (deduplicate on event.id). A failure throws: it is retried, then dead-lettered.
  handler: async (event, { log }) => {
    log.info({ eventId: event.id }, '${target.name} handled');
  },
});
`;

const relative = '../../..';

const httpTest = (target: Target) => `import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import definition from '${relative}/functions/${target.domain}/${target.base}.ts';
import { testDatabase } from '../../support/auth-test-env.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, startWorkspaceKit, type WorkspaceKit } from '../../support/workspace-kit.ts';

let kit: WorkspaceKit;
beforeAll(async () => {
  kit = await startWorkspaceKit(testDatabase('it_${target.name.replace(/-/g, '_')}'));
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

describe('GET ${httpPath(target)}', () => {
  it('should answer 200 when a member of the workspace asks', async () => {
    const { owner } = await kit.users('owner');
    const workspaceId = await kit.workspace({ owner: [owner] });
    expect((await kit.call(definition, \`/v1/workspaces/\${workspaceId}/${target.base}\`, owner)).status).toBe(200);
  });

  it('should answer 404 WORKSPACE_NOT_FOUND when someone outside the workspace asks', async () => {
    const { owner, stranger } = await kit.users('owner', 'stranger');
    const workspaceId = await kit.workspace({ owner: [owner] });
    const reply = await kit.call(definition, \`/v1/workspaces/\${workspaceId}/${target.base}\`, stranger);
    expect(outcome(reply)).toEqual({ status: 404, code: 'WORKSPACE_NOT_FOUND' });
  });

  // ${placeholder}: the behaviour this function adds, as it('should <outcome> when <condition>').
  it.todo('should <outcome> when <condition>');
});
`;

const cronTest = (target: Target) => `import { describe, expect, it } from 'vitest';
import definition from '${relative}/functions/${target.domain}/${target.base}.ts';
import { named } from '${relative}/shared/platform/definition/index.ts';
import { fireCron } from '../../support/fire-cron.ts';

const cron = named(definition, 'functions/${target.domain}/${target.base}.ts');
const env = { APP_ENV: 'test', LOG_LEVEL: 'silent' };

describe('${target.name}', () => {
  it('should finish a run when there is nothing to do', async () => {
    await expect(fireCron(cron, env)).resolves.toBeUndefined();
  });

  // ${placeholder}: what a run changes, as it('should <outcome> when <condition>').
  it.todo('should <outcome> when <condition>');
});
`;

const eventTest = (target: Target) => `import { describe, expect, it } from 'vitest';
import { eventExamples } from '${relative}/scripts/bench/event-examples.ts';
import definition from '${relative}/functions/${target.domain}/${target.base}.ts';
import { named } from '${relative}/shared/platform/definition/index.ts';
import { deliverEvent } from '../../support/deliver-event.ts';

const consumer = named(definition, 'functions/${target.domain}/${target.base}.ts');
const env = { APP_ENV: 'test', LOG_LEVEL: 'silent' };

describe('${target.name}', () => {
  it('should handle a ${target.eventType} that passes the catalog check', async () => {
    const event = { type: '${target.eventType}' as const, data: eventExamples['${target.eventType}']() };
    await expect(deliverEvent(consumer, event, env)).resolves.toBeUndefined();
  });

  // ${placeholder}: what handling an event changes, and that a redelivery changes nothing more.
  it.todo('should <outcome> when <condition>');
});
`;

/** The function file and its test, by path relative to the repository root. */
export const filesFor = (target: Target): { path: string; content: string }[] => {
  const functionSource = { http: httpFunction, cron: cronFunction, event: eventFunction }[target.kind](target);
  const testSource = { http: httpTest, cron: cronTest, event: eventTest }[target.kind](target);
  return [
    { path: `functions/${target.domain}/${target.base}.ts`, content: functionSource },
    { path: `tests/integration/${target.domain}/${target.base}.test.ts`, content: testSource },
  ];
};
