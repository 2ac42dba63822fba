import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BSON } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import listLedger from '../../../functions/billing/list-ledger.ts';
import getVersion from '../../../functions/flows/get-version.ts';
import getFlow from '../../../functions/flows/get.ts';
import createWorkspace from '../../../functions/workspaces/create.ts';
import { reconcileLedger } from '../../../scripts/billing-reconcile.ts';
import { exportDatabase } from '../../../scripts/backup/export.ts';
import { fileOf, readManifest } from '../../../scripts/backup/manifest.ts';
import { restoreDatabase } from '../../../scripts/backup/restore.ts';
import { createLedger } from '../../../shared/billing/index.ts';
import { isSealedValue } from '../../../shared/infra/crypto/envelope.ts';
import { ledgerPorts } from '../../../shared/infra/billing/ledger-resource.ts';
import type { HttpFunctionDefinition } from '../../../shared/platform/definition/index.ts';
import { createHttpApp } from '../../../shared/platform/http/create-app.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { testDatabase } from '../../support/auth-test-env.ts';
import { newClientAddress } from '../../support/client-address.ts';
import { addScreen, dropCachedFlow, etag, startFlowKit, type FlowKit } from '../../support/flow-kit.ts';
import { startIdentityApps } from '../../support/identity-apps.ts';
import { bearer, logIn, signUp } from '../../support/identity-flows.ts';
import { upgradeUrl } from '../../support/ledger-kit.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

/**
 * The restore drill on the local FerretDB: seed through the real functions, export, drop the
 * database, restore into a fresh one, then the ledger reconciles, flows read back byte-identical
 * through the read functions and the person signs in with the restored data.
 */
let kit: FlowKit;
let source: Awaited<ReturnType<typeof startIdentityApps>>;
let restored: Awaited<ReturnType<typeof startIdentityApps>> | undefined;
let dir: string;
const runtimes: Runtime[] = [];
const restoredName = 'it_backup_drill_restored';
const seeded = {
  email: '',
  userId: '',
  workspaceId: '',
  flowId: '',
  versions: 0,
  reads: new Map<string, { text: string; etag: string | null }>(),
};
const readPaths = () => [
  `/v1/flows/${seeded.flowId}`,
  ...Array.from({ length: seeded.versions }, (_, i) => `/v1/flows/${seeded.flowId}/versions/${i + 1}`),
  `/v1/workspaces/${seeded.workspaceId}/credits/ledger`,
];
const definitionOf = (url: string): HttpFunctionDefinition =>
  (url.includes('/versions/') ? getVersion : url.includes('/credits/') ? listLedger : getFlow) as unknown as HttpFunctionDefinition;

/** The read functions over `database`, as a deployed instance would run them. */
const readersOn = (database: string) => {
  const apps = new Map<HttpFunctionDefinition, ReturnType<typeof createHttpApp>>();
  const address = newClientAddress();
  return async (url: string, token: string) => {
    const definition = definitionOf(url);
    if (!apps.has(definition)) {
      const runtime = createRuntime({ ...definition, name: 'backup-drill' }, { ...kit.env, MONGODB_DB: database });
      runtimes.push(runtime);
      apps.set(definition, createHttpApp(definition, runtime));
    }
    const response = await apps.get(definition)!.request(url, { headers: { ...bearer(token), 'x-forwarded-for': address } });
    return { status: response.status, text: await response.text(), etag: response.headers.get('etag') };
  };
};

beforeAll(async () => {
  kit = await startFlowKit('it_backup_drill');
  source = await startIdentityApps('it_backup_drill', kit.env);
  dir = await mkdtemp(path.join(tmpdir(), 'uxf-backup-'));

  // An account (sealed display name, hashed password), a team workspace, a flow with versions.
  const user = await signUp(source, 'drill');
  Object.assign(seeded, { email: user.email, userId: user.userId });
  const as = { id: user.userId, email: user.email, token: user.accessToken };
  const workspace = await kit.call(createWorkspace, '/v1/workspaces', as, { method: 'POST', body: { name: 'Drill team' } });
  expect(workspace.status).toBe(201);
  seeded.workspaceId = workspace.body?.id as string;
  seeded.flowId = await kit.newFlow(seeded.workspaceId, as);
  for (const [i, screen] of ['a', 'b', 'c'].entries()) {
    expect((await kit.apply(seeded.flowId, as, [addScreen(`s-${screen}`, 100 * (i + 2))], etag(i + 1))).status).toBe(200);
  }
  seeded.versions = 4;

  // Credits and holds: a grant, a committed charge, a released one and one still held.
  const runtime = createRuntime({ name: 'backup-drill-ledger', uses: [ledgerPorts] }, kit.env);
  runtimes.push(runtime);
  const ledger = createLedger(runtime.use(ledgerPorts));
  await ledger.grantPlanCredits(seeded.workspaceId, 500, `grant:${seeded.workspaceId}`, 'stripe:evt_drill', 'period 1');
  const hold = (key: string) =>
    ledger.reserve({
      workspaceId: seeded.workspaceId,
      operation: 'ai.chat',
      idempotencyKey: key,
      actor: user.userId,
      plan: 'pro',
      upgradeUrl,
    });
  await ledger.commit(seeded.workspaceId, (await hold('drill-1')).reservationId, user.userId);
  await ledger.release(seeded.workspaceId, (await hold('drill-2')).reservationId, user.userId);
  await hold('drill-3');

  const read = readersOn(kit.db.databaseName);
  for (const url of readPaths()) {
    const reply = await read(url, user.accessToken);
    expect(reply.status, url).toBe(200);
    seeded.reads.set(url, reply);
  }
}, servicesHookTimeoutMs);

afterAll(async () => {
  await Promise.all(runtimes.map((runtime) => runtime.close()));
  await restored?.close();
  // Dropped here too when a test failed before its apps were started.
  await source?.db.client.db(testDatabase(restoredName)).dropDatabase();
  await source?.close();
  await kit?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the restore drill', () => {
  it('should export, wipe, and restore every collection with its indexes into a fresh database', async () => {
    const before = (await reconcileLedger(kit.db)).entries;
    const manifest = await exportDatabase(kit.db, dir);
    expect(manifest.collections.map((c) => c.name)).toEqual(expect.arrayContaining(['users', 'flows', 'flow_versions', 'credit_ledger']));

    await kit.db.dropDatabase();
    expect(await kit.db.listCollections().toArray()).toEqual([]);

    const target = source.db.client.db(testDatabase(restoredName));
    const report = await restoreDatabase(target, dir);
    expect(report.documents).toBe(manifest.collections.reduce((sum, c) => sum + c.documents, 0));
    for (const entry of manifest.collections) {
      const indexes = (await target.collection(entry.name).listIndexes().toArray()).map((index) => index.name as string);
      expect(indexes, entry.name).toEqual(expect.arrayContaining(entry.indexes.map((index) => index.name)));
    }
    expect((await reconcileLedger(target)).entries).toBe(before);
  });

  it('should keep sealed fields sealed in the backup files', async () => {
    const manifest = await readManifest(dir);
    const users = manifest.collections.find((c) => c.name === 'users')!;
    const lines = (await readFile(path.join(dir, fileOf(users.name)), 'utf8')).trim().split('\n');
    const user = lines.map((line) => BSON.EJSON.parse(line) as { _id: string; name: unknown }).find((u) => u._id === seeded.userId);
    expect(isSealedValue(user?.name)).toBe(true);
  });

  it('should reconcile the restored ledger', async () => {
    const report = await reconcileLedger(source.db.client.db(testDatabase(restoredName)));
    expect(report.problems).toEqual([]);
    expect(report.entries).toBeGreaterThanOrEqual(7);
  });

  it('should sign in with the restored data and read every flow version and the ledger byte-identical', async () => {
    restored = await startIdentityApps(restoredName, { ...kit.env, MONGODB_DB: testDatabase(restoredName) });
    const login = await logIn(restored, seeded.email);
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const me = await restored.call('me', '/v1/me', { method: 'GET', headers: bearer(accessToken) });
    expect({ status: me.status, name: ((await me.json()) as { name: string }).name }).toEqual({ status: 200, name: 'Ada' });

    // Past the Redis read-through cache, shared by every database: the reads must come from the restored one.
    await dropCachedFlow(seeded.flowId);
    const read = readersOn(testDatabase(restoredName));
    for (const url of readPaths()) {
      const reply = await read(url, accessToken);
      expect({ status: reply.status, text: reply.text, etag: reply.etag }, url).toEqual({ status: 200, ...seeded.reads.get(url) });
    }
  });
});
