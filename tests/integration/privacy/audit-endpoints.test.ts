import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import listFunction from '../../../functions/privacy/audit-list.ts';
import keysFunction from '../../../functions/privacy/audit-keys.ts';
import verifyFunction from '../../../functions/privacy/audit-verify.ts';
import workspaceFunction from '../../../functions/privacy/audit-workspace.ts';
import updateMemberFunction from '../../../functions/workspaces/update-member.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { startAuditKit, type AuditKit } from '../../support/audit-kit.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';

let kit: AuditKit;
let owner: TestUser;
let editor: TestUser;
let viewer: TestUser;
let enterprise: string;
let pro: string;

beforeAll(async () => {
  kit = await startAuditKit('it_audit_endpoints');
  ({ owner, editor, viewer } = await kit.users('owner', 'editor', 'viewer'));
  enterprise = await kit.workspace({ owner: [owner], editor: [editor], viewer: [viewer] }, { plan: 'enterprise' });
  pro = await kit.workspace({ owner: [owner] }, { plan: 'pro' });
}, servicesHookTimeoutMs);
afterAll(async () => kit?.close());

describe('the audit endpoints', () => {
  it('should record a role change made through the workspace API with the request id', async () => {
    const reply = await kit.call(updateMemberFunction, `/v1/workspaces/${enterprise}/members/${viewer.id}`, owner, {
      method: 'PATCH',
      body: { role: 'editor' },
      headers: { 'x-request-id': 'req-role-change-1' },
    });
    expect(reply.status).toBe(200);
    const [entry] = await kit.stored(enterprise);
    expect(entry).toMatchObject({
      seq: 1,
      action: 'member.role_changed',
      actor: { type: 'user', id: owner.id },
      target: { type: 'user', id: viewer.id },
      details: { from: 'viewer', to: 'editor' },
      requestId: 'req-role-change-1',
    });
  });

  it('should show an enterprise workspace its own entries, and export them as JSON Lines that verify', async () => {
    const list = await kit.call(workspaceFunction, `/v1/workspaces/${enterprise}/audit`, owner);
    expect(list.status).toBe(200);
    expect((list.body!.items as { action: string }[]).map((e) => e.action)).toEqual(['member.role_changed']);

    const exported = await kit.call(workspaceFunction, `/v1/workspaces/${enterprise}/audit?format=jsonl`, owner);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('application/jsonl');
    const lines = exported.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; chain: string });
    expect(lines.map((l) => l.kind)).toEqual(['entry']);
    expect(lines.every((l) => l.chain === enterprise)).toBe(true);
    // The export is audited in the workspace's chain.
    expect((await kit.stored(enterprise)).map((e) => e.action)).toEqual(['member.role_changed', 'audit.exported']);
  });

  it('should answer 402 with the upgrade link below the enterprise plan', async () => {
    const reply = await kit.call(workspaceFunction, `/v1/workspaces/${pro}/audit`, owner);
    expect(outcome(reply)).toEqual({ status: 402, code: 'AUDIT_LOG_PLAN_REQUIRED' });
    expect(reply.body).toMatchObject({
      plan: 'pro',
      requiredPlan: 'enterprise',
      upgradeUrl: `https://app.uxflow.test/workspaces/${pro}/billing/upgrade`,
    });
  });

  it('should refuse a member without audit:read and a stranger', async () => {
    expect(outcome(await kit.call(workspaceFunction, `/v1/workspaces/${enterprise}/audit`, editor))).toEqual({
      status: 403,
      code: 'PERMISSION_DENIED',
    });
    const stranger = await kit.user('stranger');
    expect((await kit.call(workspaceFunction, `/v1/workspaces/${enterprise}/audit`, stranger)).status).toBe(404);
  });

  it('should let support and the DPO search with filters, and refuse everyone else', async () => {
    const support = await kit.staff('support', ['support']);
    const dpo = await kit.staff('dpo', ['dpo']);
    const filtered = await kit.call(
      listFunction,
      `/v1/admin/audit?workspace=${enterprise}&action=member.role_changed&actor=${owner.id}`,
      support,
    );
    expect(filtered.status).toBe(200);
    expect((filtered.body!.items as { id: string }[]).map((e) => e.id)).toEqual([`${enterprise}:1`]);
    const none = await kit.call(listFunction, `/v1/admin/audit?workspace=${enterprise}&from=2099-01-01T00:00:00Z`, dpo);
    expect(none.body!.items).toEqual([]);
    expect(outcome(await kit.call(listFunction, '/v1/admin/audit', owner))).toEqual({ status: 403, code: 'PERMISSION_DENIED' });
    // Each staff search is itself an entry of the platform chain.
    expect((await kit.stored('platform')).filter((e) => e.action === 'audit.listed').map((e) => e.actor.id)).toEqual([support.id, dpo.id]);
  });

  it('should page the staff search with a cursor', async () => {
    const support = await kit.staff('pager', ['support']);
    const workspaceId = newId('wsp');
    for (let n = 0; n < 5; n++)
      await kit.log.record({ action: 'member.joined', actor: { type: 'user', id: owner.id, userId: owner.id }, workspaceId });
    const first = await kit.call(listFunction, `/v1/admin/audit?workspace=${workspaceId}&limit=3`, support);
    const second = await kit.call(
      listFunction,
      `/v1/admin/audit?workspace=${workspaceId}&limit=3&cursor=${first.body!.nextCursor as string}`,
      support,
    );
    const ids = [...(first.body!.items as { seq: number }[]), ...(second.body!.items as { seq: number }[])].map((e) => e.seq);
    expect(ids).toEqual([5, 4, 3, 2, 1]);
    expect(second.body!.nextCursor).toBeNull();
  });

  it('should verify every chain for staff, publish the keys, and name a tampered entry', async () => {
    const admin = await kit.staff('admin', ['admin']);
    const keys = await kit.call(keysFunction, '/.well-known/audit-keys.json', admin);
    expect((keys.body!.keys as { crv: string }[])[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    const intact = await kit.call(verifyFunction, '/v1/admin/audit/verify', admin);
    expect(intact.body).toMatchObject({ ok: true, firstBreak: null });
    await kit.db.collection('audit_log').updateOne({ _id: `${enterprise}:1` as never }, { $set: { 'details.to': 'owner' } });
    const broken = await kit.call(verifyFunction, '/v1/admin/audit/verify', admin);
    expect(broken.body).toMatchObject({ ok: false, firstBreak: { _id: `${enterprise}:1`, seq: 1, reason: 'hash_mismatch' } });
    await kit.db.collection('audit_log').updateOne({ _id: `${enterprise}:1` as never }, { $set: { 'details.to': 'editor' } });
    expect(outcome(await kit.call(verifyFunction, '/v1/admin/audit/verify', owner))).toEqual({ status: 403, code: 'PERMISSION_DENIED' });
  });
});
