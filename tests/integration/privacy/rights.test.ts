import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import updateMe from '../../../functions/identity/update-me.ts';
import createRequest from '../../../functions/privacy/create-request.ts';
import getRequest from '../../../functions/privacy/get-request.ts';
import listRequests from '../../../functions/privacy/list-requests.ts';
import requestErasure from '../../../functions/privacy/request-erasure.ts';
import requestExport from '../../../functions/privacy/request-export.ts';
import restrict from '../../../functions/privacy/restrict.ts';
import restrictionsOf from '../../../functions/privacy/restrictions.ts';
import updateConsents from '../../../functions/privacy/update-consents.ts';
import { auditLogCollection } from '../../../shared/infra/mongodb/audit-entry-store.ts';
import { restrictionEntryCollection } from '../../../shared/infra/mongodb/restriction-store.ts';
import { profileChangeCollection } from '../../../shared/infra/mongodb/profile-change-store.ts';
import { consents } from '../../../shared/infra/privacy/consents-resource.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { startAuditKit, type AuditKit } from '../../support/audit-kit.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';

let kit: AuditKit;
let runtime: Runtime;
beforeAll(async () => {
  kit = await startAuditKit('it_privacy_rights');
  runtime = createRuntime({ name: 'privacy-rights-it', uses: [consents] }, kit.env);
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtime.close();
  await kit.close();
});

const objection = (user: TestUser, body: Record<string, unknown>) =>
  kit.call(restrict, '/v1/me/privacy/restrictions', user, { method: 'POST', body });
const auditActions = async (subjectOrTarget: string) =>
  (
    await auditLogCollection
      .in(kit.db)
      .find({ $or: [{ 'target.id': subjectOrTarget }, { 'actor.id': subjectOrTarget }] })
      .toArray()
  ).map((e) => (e as unknown as { action: string }).action);

describe('rectification through PATCH /v1/me', () => {
  it('should record each change, sealed, and record nothing when the name does not change', async () => {
    const { ada } = await kit.users('ada');
    for (const name of ['Ada L.', 'Ada Lovelace', 'Ada Lovelace']) {
      expect((await kit.call(updateMe, '/v1/me', ada, { method: 'PATCH', body: { name } })).status).toBe(200);
    }
    const changes = await profileChangeCollection.in(kit.db).find({ userId: ada.id }).sort({ at: 1 }).toArray();
    expect(changes.map((c) => [c.field, c.by.type])).toEqual([
      ['name', 'self'],
      ['name', 'self'],
    ]);
    // The values are sealed under the person's key, like the field itself.
    expect(JSON.stringify(changes)).not.toMatch(/Ada L/);
    expect(changes[0]!.after).toMatchObject({ sealed: 'A256GCM' });
  });
});

describe('restriction and objection', () => {
  it('should stop a consented purpose from being allowed while it is restricted, until lifted', async () => {
    const { bo } = await kit.users('bo');
    const allows = runtime.use(consents);
    const put = await kit.call(updateConsents, '/v1/me/consents', bo, {
      method: 'PUT',
      body: { marketing: true, ai_improvement: true, textVersion: '2025-06-01' },
    });
    expect(put.status).toBe(200);
    expect([await allows.allows(bo.id, 'marketing'), await allows.allows(bo.id, 'ai_improvement')]).toEqual([true, true]);

    const objected = await objection(bo, { purpose: 'marketing', kind: 'objection', reason: 'no newsletters' });
    expect([objected.status, (objected.body?.purposes as Record<string, { kind: string } | null>).marketing?.kind]).toEqual([
      200,
      'objection',
    ]);
    const restricted = await objection(bo, { purpose: 'ai_improvement', kind: 'restriction' });
    expect(restricted.status).toBe(200);
    expect([await allows.allows(bo.id, 'marketing'), await allows.allows(bo.id, 'ai_improvement')]).toEqual([false, false]);
    expect(await allows.allows(bo.id, 'necessary')).toBe(true);

    const lifted = await objection(bo, { purpose: 'marketing', kind: 'objection', active: false });
    expect((lifted.body?.purposes as Record<string, unknown>).marketing).toBeNull();
    expect(await allows.allows(bo.id, 'marketing')).toBe(true);
    const shown = await kit.call(restrictionsOf, '/v1/me/privacy/restrictions', bo);
    expect(shown.body).toMatchObject({ purposes: { marketing: null, ai_improvement: { kind: 'restriction' }, analytics: null } });
    expect(await auditActions(`${bo.id}:1`)).toContain('privacy.restriction_changed');
  });

  it('should refuse an unknown or necessary purpose with 400 VALIDATION_FAILED', async () => {
    const { cy } = await kit.users('cy');
    expect(outcome(await objection(cy, { purpose: 'necessary', kind: 'objection' }))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(outcome(await objection(cy, { purpose: 'marketing', kind: 'veto' }))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('should number racing changes without a gap or a double', async () => {
    const { dee } = await kit.users('dee');
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => objection(dee, { purpose: 'analytics', kind: 'objection', active: i % 2 === 0 })),
    );
    const entries = await restrictionEntryCollection.in(kit.db).find({ userId: dee.id }).sort({ seq: 1 }).toArray();
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
  });
});

describe('the DPO desk', () => {
  it('should list requests of every kind with 30-day deadlines, show one, and enter one received by post; each use audited', async () => {
    const dpo = await kit.staff('dpo', ['dpo']);
    const { eve, fay } = await kit.users('eve', 'fay');
    await kit.call(requestExport, '/v1/me/privacy/export', eve, { method: 'POST' });
    await kit.call(requestErasure, '/v1/me/privacy/erasure', eve, { method: 'POST' });
    await objection(eve, { purpose: 'analytics', kind: 'objection' });

    const listed = await kit.call(listRequests, '/v1/admin/privacy/requests?limit=100', dpo);
    expect(listed.status).toBe(200);
    const items = (listed.body?.items as Record<string, unknown>[]).filter((i) => i.userId === eve.id);
    expect(items.map((i) => [i.kind, i.state, i.channel]).sort()).toEqual([
      ['erasure', 'scheduled', 'app'],
      ['export', 'open', 'app'],
      ['restriction', 'completed', 'app'],
    ]);
    for (const item of items) {
      expect(Date.parse(String(item.deadline)) - Date.parse(String(item.receivedAt))).toBe(30 * 86_400_000);
      expect(item.overdue).toBe(false);
    }
    const exportItem = items.find((i) => i.kind === 'export')!;
    const seen = await kit.call(getRequest, `/v1/admin/privacy/requests/${String(exportItem.id)}`, dpo);
    expect([seen.status, seen.body?.id]).toEqual([200, exportItem.id]);
    expect(outcome(await kit.call(getRequest, `/v1/admin/privacy/requests/export:pex_${'0'.repeat(20)}`, dpo))).toEqual({
      status: 404,
      code: 'PRIVACY_REQUEST_NOT_FOUND',
    });

    // A letter from fay, found by her address.
    const entered = await kit.call(createRequest, '/v1/admin/privacy/requests', dpo, {
      method: 'POST',
      body: { kind: 'export', email: fay.email.toUpperCase(), channel: 'post', reference: 'letter-42' },
    });
    expect([entered.status, entered.body?.kind, entered.body?.userId, entered.body?.channel, entered.body?.state]).toEqual([
      201,
      'export',
      fay.id,
      'post',
      'open',
    ]);
    const restriction = await kit.call(createRequest, '/v1/admin/privacy/requests', dpo, {
      method: 'POST',
      body: { kind: 'restriction', userId: fay.id, channel: 'email', restriction: { purpose: 'marketing', kind: 'objection' } },
    });
    expect([restriction.status, restriction.body?.channel]).toEqual([201, 'email']);
    expect(await runtime.use(consents).allows(fay.id, 'marketing')).toBe(false);

    expect(
      outcome(
        await kit.call(createRequest, '/v1/admin/privacy/requests', dpo, {
          method: 'POST',
          body: { kind: 'export', email: 'nobody@example.com', channel: 'post' },
        }),
      ),
    ).toEqual({ status: 404, code: 'PRIVACY_SUBJECT_NOT_FOUND' });
    expect(
      outcome(
        await kit.call(createRequest, '/v1/admin/privacy/requests', dpo, {
          method: 'POST',
          body: { kind: 'restriction', userId: fay.id, channel: 'post' },
        }),
      ),
    ).toEqual({ status: 400, code: 'VALIDATION_FAILED' });

    const actions = await auditActions(dpo.id);
    expect(actions).toEqual(expect.arrayContaining(['privacy.requests_listed', 'privacy.request_viewed', 'privacy.request_created']));
  });

  it('should refuse callers without the dpo role with 403 PERMISSION_DENIED', async () => {
    const support = await kit.staff('support', ['support']);
    const { gus } = await kit.users('gus');
    for (const caller of [support, gus]) {
      expect(outcome(await kit.call(listRequests, '/v1/admin/privacy/requests', caller))).toEqual({
        status: 403,
        code: 'PERMISSION_DENIED',
      });
    }
  });
});
