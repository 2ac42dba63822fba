import type { RouteConfig } from '@hono/zod-openapi';
import { migrate } from '../../scripts/db/migrate.ts';
import { ensureServices } from '../../scripts/services/index.ts';
import { emailIndex } from '../../shared/infra/crypto/blind-index.ts';
import { accessTokens } from '../../shared/infra/jose/access-tokens.ts';
import { membershipCollection, membershipId } from '../../shared/infra/mongodb/membership-store.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { newId } from '../../shared/kernel/index.ts';
import type { HttpFunctionDefinition } from '../../shared/platform/definition/index.ts';
import { createHttpApp } from '../../shared/platform/http/create-app.ts';
import { createRuntime, type Runtime } from '../../shared/platform/runtime.ts';
import type { Plan, WorkspaceRole } from '../../shared/workspaces/index.ts';
import { authTestEnv, testDatabase } from './auth-test-env.ts';
import { newClientAddress } from './client-address.ts';

export interface TestUser {
  id: string;
  email: string;
  token: string;
}

export type Reply = { status: number; body: Record<string, unknown> | null; headers: Headers; text: string };

/**
 * Workspace functions as real Hono apps over the local MongoDB and mail sink, in a database of
 * their own; users and workspaces are inserted directly, tokens issued by the real signer.
 */
export const startWorkspaceKit = async (name: string, extra: { services?: readonly string[]; env?: Record<string, string> } = {}) => {
  const database = testDatabase(name);
  const services = await ensureServices({ only: ['mongodb', 'mail', 'upstash', ...(extra.services ?? [])] });
  const env = {
    ...authTestEnv(services, database),
    MAIL_FROM: 'UX Flow <no-reply@uxflow.test>',
    WEB_APP_URL: 'https://app.uxflow.test',
    RATE_LIMIT_UPGRADE_URL: 'https://app.uxflow.test/settings/billing',
    ...extra.env,
  };
  const runtime = createRuntime({ name: 'workspaces-it', uses: [accessTokens, mongo, emailIndex] }, env);
  const db = runtime.use(mongo).db;
  await db.dropDatabase();
  await migrate(services.MONGODB_URI!, database);
  const runtimes: Runtime[] = [runtime];
  const apps = new Map<HttpFunctionDefinition, ReturnType<typeof createHttpApp>>();
  const appOf = (definition: HttpFunctionDefinition) => {
    if (!apps.has(definition)) {
      const own = createRuntime({ ...definition, name: 'workspaces-it' }, env);
      runtimes.push(own);
      apps.set(definition, createHttpApp(definition, own));
    }
    return apps.get(definition)!;
  };

  const address = newClientAddress();
  const call = async <R extends RouteConfig>(
    definition: HttpFunctionDefinition<R>,
    path: string,
    as: TestUser,
    /** `rawBody`: sent as it is (JSON that `JSON.stringify` could not write, e.g. nested 100,000 levels). */
    init: { method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply> => {
    const response = await appOf(definition as unknown as HttpFunctionDefinition).request(path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${as.token}`, 'content-type': 'application/json', 'x-forwarded-for': address, ...init.headers },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      ...(init.rawBody === undefined ? {} : { body: init.rawBody }),
    });
    const text = await response.text();
    // \b: JSON and problem+json, not JSON Lines (`application/jsonl`, read as text).
    const isJson = /json\b/.test(response.headers.get('content-type') ?? '');
    const body = text && isJson ? (JSON.parse(text) as Record<string, unknown>) : null;
    return { status: response.status, body, headers: response.headers, text };
  };

  /**
   * An account (no password: these tests never log in) and an access token for it. Written as
   * before sealing began (name and address plain), with the blind index the migration fills.
   */
  const user = async (label: string): Promise<TestUser> => {
    const id = newId('usr');
    const email = `${label}-${id.slice(4, 12)}@example.com`;
    const index = runtime.use(emailIndex)(email);
    await db
      .collection('users')
      .insertOne({ _id: id as never, schemaVersion: 1, email, emailIndex: index, name: label, createdAt: new Date() });
    const { token } = await runtime.use(accessTokens).issue({ userId: id, sessionId: newId('ses'), platformRoles: [] });
    return { id, email, token };
  };

  /** Several accounts at once, by label. */
  const users = async <L extends string>(...labels: L[]): Promise<Record<L, TestUser>> =>
    Object.fromEntries(await Promise.all(labels.map(async (label) => [label, await user(label)]))) as Record<L, TestUser>;

  /** A workspace with members; the first owner is its `ownerId`. */
  const workspace = async (
    members: Partial<Record<WorkspaceRole, TestUser[]>>,
    options: { plan?: Plan; personal?: boolean; trialEndsAt?: Date | null } = {},
  ): Promise<string> => {
    const id = newId('wsp');
    const ownerId = members.owner?.[0]?.id ?? 'usr_nobody';
    await db.collection('workspaces').insertOne({
      _id: id as never,
      schemaVersion: 1,
      name: `ws ${id.slice(4, 10)}`,
      ownerId,
      personal: options.personal ?? false,
      plan: options.plan ?? 'pro',
      trialEndsAt: options.trialEndsAt ?? null,
      createdAt: new Date(),
    });
    const docs = Object.entries(members).flatMap(([role, users]) =>
      (users ?? []).map((u) => ({
        _id: membershipId(id, u.id) as never,
        schemaVersion: 1,
        workspaceId: id,
        userId: u.id,
        role,
        joinedAt: new Date(),
      })),
    );
    if (docs.length > 0) await db.collection(membershipCollection.name).insertMany(docs);
    return id;
  };

  const roleOf = async (workspaceId: string, userId: string) =>
    (
      (await db.collection(membershipCollection.name).findOne({ _id: membershipId(workspaceId, userId) as never })) as {
        role?: string;
      } | null
    )?.role ?? null;

  return {
    db,
    env,
    mailDir: services.MAIL_SINK_DIR!,
    /** This kit's client address (`X-Forwarded-For` of its calls). */
    address,
    call,
    user,
    users,
    workspace,
    roleOf,
    close: async () => {
      await db.dropDatabase();
      await Promise.all(runtimes.map((r) => r.close()));
    },
  };
};

export type WorkspaceKit = Awaited<ReturnType<typeof startWorkspaceKit>>;

/** Status and code of a problem answer, for one-line assertions. */
export const outcome = (reply: Reply) => ({ status: reply.status, code: reply.body?.code });
