import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import appendPendingFunction from '../../../functions/privacy/audit-append-pending.ts';
import checkpointsFunction from '../../../functions/privacy/audit-checkpoints.ts';
import securityEventsFunction from '../../../functions/privacy/audit-security-events.ts';
import { auditLog } from '../../../shared/infra/audit/audit-log-resource.ts';
import { auditPendingCollection, auditPersonalCollection } from '../../../shared/infra/mongodb/audit-side-stores.ts';
import { auditCheckpointCollection } from '../../../shared/infra/mongodb/audit-checkpoint-store.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { startAuditKit, type AuditKit } from '../../support/audit-kit.ts';
import { deliverEvent } from '../../support/deliver-event.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

const securityEvents = named(securityEventsFunction, 'functions/privacy/audit-security-events.ts');
const checkpoints = named(checkpointsFunction, 'functions/privacy/audit-checkpoints.ts');
const appendPending = named(appendPendingFunction, 'functions/privacy/audit-append-pending.ts');

let kit: AuditKit;
beforeAll(async () => {
  kit = await startAuditKit('it_audit_log');
}, servicesHookTimeoutMs);
afterAll(async () => kit?.close());

const actor = (id: string) => ({ type: 'user' as const, id, userId: id });

describe('the audit log', () => {
  it('should keep a gap-free chain when 20 records race from two instances', async () => {
    const workspaceId = newId('wsp');
    const [a, b] = [kit.instance().use(auditLog), kit.instance().use(auditLog)];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? a : b).record({ action: 'member.role_changed', actor: actor(newId('usr')), workspaceId, details: { n: i } }),
      ),
    );
    const chain = await kit.stored(workspaceId);
    expect(chain.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(chain.map((e) => e.details.n)).size).toBe(20);
    expect(chain.slice(1).every((e, i) => e.prevHash === chain[i]!.hash)).toBe(true);
    expect((await kit.verifyAll()).firstBreak).toBeNull();
    expect(await kit.db.collection(auditPendingCollection.name).countDocuments({})).toBe(0);
  });

  it('should record a redelivered security event once', async () => {
    const userId = newId('usr');
    const id = newId('sev');
    const event = {
      id,
      type: 'com.uxflow.security.event.v1' as const,
      data: { id, type: 'login_locked', at: new Date().toISOString(), userId, ip: '203.0.113.9', details: { retryAfter: 300 } },
    };
    await deliverEvent(securityEvents, event, kit.env);
    await deliverEvent(securityEvents, event, kit.env);
    const found = await kit.db.collection('audit_log').find({ key: id }).toArray();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      chain: 'platform',
      action: 'auth.account_locked',
      outcome: 'denied',
      actor: { type: 'user', id: userId },
    });
    // The address is only in the sidecar; the chain holds its salted hash.
    expect(JSON.stringify(found[0])).not.toContain('203.0.113.9');
    expect(await kit.db.collection(auditPersonalCollection.name).findOne({ _id: id as never })).toMatchObject({
      values: { ip: '203.0.113.9' },
    });
  });

  it('should keep the chain verifiable after an erasure removes the clear values', async () => {
    const userId = newId('usr');
    const workspaceId = newId('wsp');
    for (const n of [1, 2, 3])
      await kit.log.record({
        action: 'apikey.created',
        actor: actor(userId),
        workspaceId,
        personal: { ip: `198.51.100.${n}`, email: 'ann@example.com' },
        subjectId: userId,
      });
    await kit.log.record({
      action: 'member.removed',
      actor: actor(newId('usr')),
      workspaceId,
      personal: { ip: '192.0.2.1' },
      subjectId: newId('usr'),
    });
    await fireCron(checkpoints, kit.env);
    const personal = kit.db.collection(auditPersonalCollection.name);
    expect(await personal.countDocuments({ subjectId: userId })).toBe(3);

    expect(await kit.log.eraseSubject(userId)).toBe(3);

    expect(await personal.countDocuments({ subjectId: userId })).toBe(0);
    expect(await personal.countDocuments({})).toBeGreaterThan(0);
    const report = await kit.verifyAll();
    expect(report.firstBreak).toBeNull();
    expect(report.checkpoints).toBeGreaterThan(0);
    expect(JSON.stringify(await kit.stored(workspaceId))).not.toContain('ann@example.com');
  });

  it('should sign each moved chain once per period, and verify the checkpoint with the published key', async () => {
    const workspaceId = newId('wsp');
    await kit.log.record({ action: 'member.joined', actor: actor(newId('usr')), workspaceId });
    const time = '2031-05-01T10:05:00.000Z';
    await fireCron(checkpoints, kit.env, { time });
    await kit.log.record({ action: 'member.left', actor: actor(newId('usr')), workspaceId });
    await fireCron(checkpoints, kit.env, { time });
    const signed = await kit.db.collection(auditCheckpointCollection.name).find({ chain: workspaceId }).toArray();
    expect(signed.map((c) => c.seq as number)).toEqual([1]);
    await fireCron(checkpoints, kit.env, { time: '2031-05-01T11:05:00.000Z' });
    expect(await kit.db.collection(auditCheckpointCollection.name).countDocuments({ chain: workspaceId })).toBe(2);
    expect((await kit.verifyAll()).firstBreak).toBeNull();
  });

  it('should append a queued record that missed its immediate append', async () => {
    const workspaceId = newId('wsp');
    const key = newId('aud');
    const record = { key, at: new Date(), action: 'apikey.revoked', actor: actor(newId('usr')), workspaceId };
    await kit.db
      .collection(auditPendingCollection.name)
      .insertOne({ _id: key as never, schemaVersion: 1, record, subjectId: null, queuedAt: new Date() });
    await fireCron(appendPending, kit.env);
    await fireCron(appendPending, kit.env);
    expect((await kit.stored(workspaceId)).map((e) => e.key)).toEqual([key]);
    expect(await kit.db.collection(auditPendingCollection.name).countDocuments({ _id: key as never })).toBe(0);
  });

  it('should name a changed entry and a deleted entry in the database', async () => {
    const workspaceId = newId('wsp');
    for (let n = 0; n < 5; n++)
      await kit.log.record({ action: 'member.role_changed', actor: actor(newId('usr')), workspaceId, details: { n } });
    const entries = kit.db.collection('audit_log');
    await entries.updateOne({ _id: `${workspaceId}:3` as never }, { $set: { 'details.n': 99 } });
    expect((await kit.verifyAll()).firstBreak).toMatchObject({ _id: `${workspaceId}:3`, seq: 3, reason: 'hash_mismatch' });
    await entries.deleteOne({ _id: `${workspaceId}:2` as never });
    expect((await kit.verifyAll()).firstBreak).toMatchObject({ _id: `${workspaceId}:2`, seq: 2, reason: 'missing' });
    await entries.deleteMany({ chain: workspaceId });
    await kit.db.collection('audit_heads').deleteOne({ _id: workspaceId as never });
  });
});
