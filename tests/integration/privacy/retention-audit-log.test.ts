import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import checkpointsFunction from '../../../functions/privacy/audit-checkpoints.ts';
import auditLogEndFunction from '../../../functions/privacy/retention-audit-log.ts';
import { runRetention } from '../../../scripts/privacy/retention.ts';
import { auditRetentionBound, verifyStoredChains } from '../../../shared/audit/index.ts';
import { sha256Hex } from '../../../shared/infra/audit/audit-crypto.ts';
import { createAuditCheckpointStore } from '../../../shared/infra/mongodb/audit-checkpoint-store.ts';
import { createAuditEntryStore } from '../../../shared/infra/mongodb/audit-entry-store.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { startAuditKit, type AuditKit } from '../../support/audit-kit.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

const checkpoints = named(checkpointsFunction, 'functions/privacy/audit-checkpoints.ts');
const auditLogEnd = named(auditLogEndFunction, 'functions/privacy/retention-audit-log.ts');
const hour = 3_600_000;

let kit: AuditKit;
let workspaceId: string;
const signedAt = new Date();
// Seven years and ten minutes on: the first checkpoint is past retention, the second (an hour later) is not.
const later = new Date(signedAt.getTime() + 10 * 60_000);
later.setUTCFullYear(later.getUTCFullYear() + 7);

const record = async (n: number, userId: string) =>
  kit.log.record({
    action: 'member.role_changed',
    actor: { type: 'user', id: userId, userId },
    workspaceId,
    personal: { ip: `198.51.100.${n}` },
    subjectId: userId,
    details: { n },
  });

const verifyAt = async (now: Date | null) =>
  verifyStoredChains({
    entries: createAuditEntryStore(kit.db),
    checkpoints: createAuditCheckpointStore(kit.db),
    digest: sha256Hex,
    checkSignature: await kit.keys.signatureCheck(),
    ...(now ? { retentionBound: auditRetentionBound(now) } : {}),
  });

beforeAll(async () => {
  kit = await startAuditKit('it_audit_retention');
  const owner = await kit.user('owner');
  workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'enterprise' });
  for (let n = 1; n <= 4; n++) await record(n, owner.id);
  await fireCron(checkpoints, kit.env, { time: signedAt.toISOString() });
  for (let n = 5; n <= 7; n++) await record(n, owner.id);
  await fireCron(checkpoints, kit.env, { time: new Date(signedAt.getTime() + hour).toISOString() });
}, servicesHookTimeoutMs);
afterAll(async () => kit?.close());

describe('the audit log’s 7-year end', () => {
  it('should remove the entries up to the last checkpoint signed 7 years ago, with their sidecar values, and still verify', async () => {
    const before = await kit.stored(workspaceId);
    expect(before.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const dryRun = (await runRetention(kit.env, { dryRun: true, now: later })).find((r) => r.rule === 'audit-log');
    expect(dryRun?.counts).toEqual({ audit_log: 4 });
    expect(await kit.stored(workspaceId)).toHaveLength(7); // a dry run changes nothing

    await fireCron(auditLogEnd, kit.env, { time: later.toISOString() });
    expect((await kit.stored(workspaceId)).map((e) => e.seq)).toEqual([5, 6, 7]);
    const removedKeys = before.slice(0, 4).map((e) => e.key);
    expect(await kit.db.collection('audit_personal').countDocuments({ _id: { $in: removedKeys } as never })).toBe(0);
    expect(await kit.db.collection('audit_personal').countDocuments({ _id: { $in: before.slice(4).map((e) => e.key) } as never })).toBe(3);

    const report = await verifyAt(later);
    expect(report.ok).toBe(true);
    expect(report.broken).toEqual([]);
    // Today, the same cut is a gap: no checkpoint is 7 years old yet.
    expect((await verifyAt(null)).firstBreak).toMatchObject({ chain: workspaceId, seq: 1, reason: 'missing' });
  });

  it('should remove nothing more on a second run, and keep appending to the cut chain', async () => {
    await fireCron(auditLogEnd, kit.env, { time: later.toISOString() });
    expect((await kit.stored(workspaceId)).map((e) => e.seq)).toEqual([5, 6, 7]);
    await record(8, 'usr_someone');
    expect((await kit.stored(workspaceId)).map((e) => e.seq)).toEqual([5, 6, 7, 8]);
    expect((await verifyAt(later)).ok).toBe(true);
  });
});
