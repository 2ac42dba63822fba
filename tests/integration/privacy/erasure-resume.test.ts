import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import executeErasures from '../../../functions/privacy/execute-erasures.ts';
import requestErasure from '../../../functions/privacy/request-erasure.ts';
import { canonicalJson } from '../../../shared/audit/index.ts';
import { createErasureRunStore, erasureStepCollection } from '../../../shared/infra/mongodb/erasure-run-store.ts';
import { erasureRequestCollection } from '../../../shared/infra/mongodb/erasure-store.ts';
import { createErasureRunner, type ErasureStep } from '../../../shared/privacy/index.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { startWorkspaceKit, type WorkspaceKit } from '../../support/workspace-kit.ts';

let kit: WorkspaceKit;
beforeAll(async () => {
  kit = await startWorkspaceKit('it_privacy_erasure_resume', { services: ['chroma', 'stripe'] });
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const due = (userId: string) => ({ userId, seq: 1, requestedAt: new Date(0), scheduledFor: new Date(1000) });
const hashOf = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

/** A plan of three steps whose second fails `failures` times (a crash mid-way), counting each step's runs. */
const planWith = (failures: number) => {
  const runs = { a: 0, b: 0, c: 0 };
  let left = failures;
  const step = (key: 'a' | 'b' | 'c'): ErasureStep => ({
    key,
    run: async () => {
      runs[key] += 1;
      if (key === 'b' && left > 0) {
        left -= 1;
        throw new Error('crashed');
      }
      return { outcomes: [{ store: 'mongodb', name: key, action: 'deleted', count: 1 }] };
    },
  });
  return { runs, plan: { person: async () => null, pseudonymOf: () => 'usr_x', steps: [step('a'), step('b'), step('c')] } };
};

describe('erasure runs', () => {
  it('should resume a run cut short at its first unfinished step, each step recorded once', async () => {
    const { runs, plan } = planWith(1);
    let now = new Date('2030-01-01T00:00:00Z');
    const runner = createErasureRunner({
      ports: createErasureRunStore(kit.db),
      plan,
      clock: { now: () => now },
      runIdOf: (u) => `era_${u}`,
      hashOf,
      audit: { record: async () => undefined },
    });
    expect((await runner.runOne(due('usr_resume'))).state).toBe('failed');
    // The next tick, after the attempt's lease expired.
    now = new Date(now.getTime() + 11 * 60_000);
    const second = await runner.runOne(due('usr_resume'));
    expect(second.state).toBe('completed');
    expect(runs).toEqual({ a: 1, b: 2, c: 1 });
    expect(await erasureStepCollection.in(kit.db).countDocuments({ runId: 'era_usr_resume' })).toBe(3);
    if (second.state !== 'completed') return;
    expect(second.receipt.stores.map((s) => s.name)).toEqual(['a', 'b', 'c']);
    const { hash, ...body } = second.receipt;
    expect(hashOf(body)).toBe(hash);
  });

  it('should let one of two racing workers run an erasure, the other finding it held', async () => {
    const { runs, plan } = planWith(0);
    const clock = { now: () => new Date('2030-01-01T00:00:00Z') };
    const ports = createErasureRunStore(kit.db);
    const runners = Array.from({ length: 4 }, () =>
      createErasureRunner({ ports, plan, clock, runIdOf: (u) => `era_${u}`, hashOf, audit: { record: async () => undefined } }),
    );
    const outcomes = await Promise.all(runners.map((r) => r.runOne(due('usr_race'))));
    expect(outcomes.filter((o) => o.state === 'completed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.state === 'busy')).toHaveLength(3);
    expect(runs).toEqual({ a: 1, b: 1, c: 1 });
  });

  it('should stop before removing anything when the person became sole owner of a shared workspace during the grace', async () => {
    const { owner, member } = await kit.users('owner', 'member');
    const workspaceId = await kit.workspace({ owner: [owner] });
    expect((await kit.call(requestErasure, '/v1/me/privacy/erasure', owner, { method: 'POST' })).status).toBe(202);
    // A member joins after the request.
    await kit.db.collection('workspace_members').insertOne({
      _id: `${workspaceId}:${member.id}` as never,
      schemaVersion: 1,
      workspaceId,
      userId: member.id,
      role: 'editor',
      joinedAt: new Date(),
    });
    await erasureRequestCollection.in(kit.db).updateMany({ userId: owner.id }, { $set: { scheduledFor: new Date(Date.now() - 1000) } });
    await fireCron(named(executeErasures, 'functions/privacy/execute-erasures.ts'), kit.env);
    expect(await kit.db.collection('users').countDocuments({ _id: owner.id as never })).toBe(1);
    expect(await kit.db.collection('workspace_tombstones').countDocuments({ _id: workspaceId as never })).toBe(0);
    expect(await erasureStepCollection.in(kit.db).countDocuments({})).toBe(3 + 3); // the two runs above only
  });
});
