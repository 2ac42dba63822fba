import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import rewrapCron from '../../../functions/privacy/rewrap-data-keys.ts';
import listMembers from '../../../functions/workspaces/list-members.ts';
import { rewrapDataKeys } from '../../../shared/infra/crypto/data-key-rewrap.ts';
import { dataKeyWrapCollection } from '../../../shared/infra/crypto/data-key-wraps.ts';
import { createDataKeys, dataKeyCollection } from '../../../shared/infra/crypto/data-keys.ts';
import { createLocalKms, rotateLocalKek } from '../../../shared/infra/kms/local-kms.ts';
import { membershipCollection, membershipId } from '../../../shared/infra/mongodb/membership-store.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { createHttpApp } from '../../../shared/platform/http/create-app.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { createRuntime } from '../../../shared/platform/runtime.ts';
import { startIdentityApps } from '../../support/identity-apps.ts';
import { bearer, logIn, signUp } from '../../support/identity-flows.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

let apps: Awaited<ReturnType<typeof startIdentityApps>>;
let keyFile: string;
let members: { request: (path: string, init: RequestInit) => Response | Promise<Response>; close: () => Promise<void> };
beforeAll(async () => {
  keyFile = path.join(await mkdtemp(path.join(tmpdir(), 'uxf-kek-rot-')), 'kek.json');
  // No key cache: every sealed read asks the KMS, so the rotation is on every request's path.
  apps = await startIdentityApps('it_privacy_kek_rotation', { KMS_LOCAL_KEY_FILE: keyFile, DATA_KEY_CACHE_SECONDS: '0' });
  const runtime = createRuntime({ ...listMembers, name: 'workspaces-list-members' }, apps.env);
  members = { request: createHttpApp(listMembers, runtime).request, close: () => runtime.close() };
}, servicesHookTimeoutMs);
afterAll(async () => {
  await members?.close();
  await apps?.close();
});

const kms = () => createLocalKms(keyFile);
const destroyKekVersion = async (version: string) => {
  const file = JSON.parse(await readFile(keyFile, 'utf8')) as { current: string; versions: Record<string, string> };
  delete file.versions[version];
  await writeFile(keyFile, JSON.stringify(file));
};
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

describe('KEK rotation under load', () => {
  it('should answer every login and sealed read while the KEK rotates and two re-wrap jobs run, then need only the new version', async () => {
    const people = await Promise.all(Array.from({ length: 12 }, (_, i) => signUp(apps, `rot-${i}`)));
    const workspaceId = newId('wsp');
    await apps.db.collection('workspaces').insertOne({
      _id: workspaceId as never,
      schemaVersion: 1,
      name: 'rotation',
      ownerId: people[0]!.userId,
      personal: false,
      plan: 'pro',
      trialEndsAt: null,
      createdAt: new Date(),
    });
    await membershipCollection.in(apps.db).insertMany(
      people.map((p, i) => ({
        _id: membershipId(workspaceId, p.userId),
        schemaVersion: 1,
        workspaceId,
        userId: p.userId,
        role: i === 0 ? 'owner' : 'editor',
        joinedAt: new Date(),
      })) as never,
    );
    const firstVersion = (await dataKeyCollection.in(apps.db).findOne({ _id: people[0]!.userId }))!.kekVersion!;

    const failures: string[] = [];
    const latencies: number[] = [];
    let done = false;
    const timed = async (what: string, request: () => Promise<Response>, expected: number) => {
      const started = performance.now();
      const response = await request();
      latencies.push(performance.now() - started);
      if (response.status !== expected) failures.push(`${what} ${response.status} ${await response.text()}`);
      else await response.arrayBuffer();
    };
    const driver = async (person: (typeof people)[number]) => {
      for (let round = 0; !done || round < 3; round += 1) {
        await timed(
          'me',
          () => apps.call('me', '/v1/me', { method: 'GET', headers: bearer(person.accessToken) }) as Promise<Response>,
          200,
        );
        await timed(
          'members',
          async () =>
            members.request(`/v1/workspaces/${workspaceId}/members`, {
              headers: { ...bearer(person.accessToken), 'x-forwarded-for': '203.0.113.9' },
            }),
          200,
        );
        if (round % 3 === 0) await timed('login', () => logIn(apps, person.email) as Promise<Response>, 200);
      }
    };
    const rotation = async () => {
      const reports = [];
      for (let i = 0; i < 4; i += 1) {
        await rotateLocalKek(keyFile);
        // Requests meanwhile open keys wrapped under the old version while new keys take the new one.
        await new Promise((resolve) => setTimeout(resolve, 300));
        // Two jobs at once: their re-wraps race on every key (the unique revision id arbitrates).
        reports.push(
          ...(await Promise.all([rewrapDataKeys(apps.db, kms(), { batchSize: 3 }), rewrapDataKeys(apps.db, kms(), { batchSize: 5 })])),
        );
      }
      done = true;
      return reports;
    };
    const started = performance.now();
    const [reports] = await Promise.all([rotation(), ...people.map(driver)]);
    const elapsed = performance.now() - started;

    console.log(
      `kek rotation under load: ${latencies.length} requests in ${Math.round(elapsed)} ms, ${failures.length} failed, ` +
        `p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms; ` +
        `re-wrap runs ${JSON.stringify(reports.map((r) => [r.rewrapped, r.raced]))}`,
    );
    expect(failures).toEqual([]);
    expect(reports.filter((r) => r.primary === reports.at(-1)!.primary).reduce((n, r) => n + r.rewrapped, 0)).toBeGreaterThanOrEqual(
      people.length,
    );

    // Every key is under the newest version: the older versions can go, and every read still opens.
    const primary = await kms().primaryVersion();
    for (let version = Number(firstVersion); version < Number(primary); version += 1) await destroyKekVersion(String(version));
    for (const person of people) {
      const me = await apps.call('me', '/v1/me', { method: 'GET', headers: bearer(person.accessToken) });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { name: string }).name).toBe('Ada');
      const newest = await dataKeyWrapCollection.in(apps.db).findOne({ userId: person.userId }, { sort: { rev: -1 } });
      expect(newest).toMatchObject({ kekVersion: primary, version: 1 });
    }
    expect(await rewrapDataKeys(apps.db, kms())).toMatchObject({ rewrapped: 0 });
  }, 120_000);
});

describe('the re-wrap cron function', () => {
  it('should move the keys of a rotated KEK onto the new primary version when the scheduler fires it', async () => {
    const person = await signUp(apps, 'rot-cron');
    const version = await rotateLocalKek(keyFile);
    await fireCron(named(rewrapCron, 'functions/privacy/rewrap-data-keys.ts'), apps.env);
    const newest = await dataKeyWrapCollection.in(apps.db).findOne({ userId: person.userId }, { sort: { rev: -1 } });
    expect(newest).toMatchObject({ kekVersion: version });
  }, 60_000);
});

describe('the re-wrap job and erasure', () => {
  it('should not leave a re-wrapped key behind for a person erased while their key was being re-wrapped', async () => {
    const person = await signUp(apps, 'rot-erased');
    await rotateLocalKek(keyFile);
    const keys = createDataKeys(apps.db, kms(), { cacheMs: 0 });
    const local = kms();
    // The erasure lands between the job's read of the key and its insert of the new revision.
    const racing = {
      ...local,
      wrap: async (plaintext: Buffer, aad: Buffer) => {
        if (aad.toString().includes(person.userId)) await keys.destroy(person.userId);
        return local.wrap(plaintext, aad);
      },
    };
    const report = await rewrapDataKeys(apps.db, racing);
    expect(report.shredded).toBeGreaterThanOrEqual(1);
    expect(await dataKeyWrapCollection.in(apps.db).countDocuments({ userId: person.userId })).toBe(0);
    expect(await dataKeyCollection.in(apps.db).findOne({ _id: person.userId })).toMatchObject({ wrapped: null });
    await expect(keys.current(person.userId)).rejects.toMatchObject({ code: 'DATA_KEY_DESTROYED' });
  }, 60_000);
});
