import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import breachGet from '../../../functions/privacy/breach-get.ts';
import breachList from '../../../functions/privacy/breach-list.ts';
import reportBreach from '../../../functions/privacy/breach-report.ts';
import cancelErasure from '../../../functions/privacy/cancel-erasure.ts';
import createRequest from '../../../functions/privacy/create-request.ts';
import requestErasure from '../../../functions/privacy/request-erasure.ts';
import updateConsents from '../../../functions/privacy/update-consents.ts';
import type { AuditAction, AuditEntry } from '../../../shared/audit/index.ts';
import { auditLogCollection } from '../../../shared/infra/mongodb/audit-entry-store.ts';
import { startAuditKit, type AuditKit } from '../../support/audit-kit.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import type { TestUser } from '../../support/workspace-kit.ts';

/*
 * Consent changes, erasure requests and cancellations (by the person or the DPO for them) and staff
 * reading the breach register: one audit entry per action with its actor, target and outcome, and
 * the chains still verify.
 */
let kit: AuditKit;
beforeAll(async () => {
  kit = await startAuditKit('it_audit_privacy_actions');
}, servicesHookTimeoutMs);
afterAll(async () => kit?.close());

const entriesAbout = (userId: string, action: AuditAction) =>
  kit.db.collection<AuditEntry>(auditLogCollection.name).find({ 'target.id': userId, action }).sort({ at: 1 }).toArray();
const consent = (user: TestUser, body: Record<string, unknown>) =>
  kit.call(updateConsents, '/v1/me/consents', user, { method: 'PUT', body: { textVersion: '2025-06-01', ...body } });

describe('audit entries of the privacy actions', () => {
  it('should record one consent_changed entry per change, the person as actor and target, none for a change that changes nothing', async () => {
    const { ada } = await kit.users('ada');
    expect((await consent(ada, { analytics: true, marketing: false })).status).toBe(200);
    expect((await consent(ada, { analytics: true })).status).toBe(200); // changes nothing
    expect((await consent(ada, { analytics: false, marketing: true })).status).toBe(200);
    const entries = await entriesAbout(ada.id, 'privacy.consent_changed');
    expect(entries.map((e) => [e.actor, e.target, e.outcome, e.details])).toEqual([
      [
        { type: 'user', id: ada.id, userId: ada.id },
        { type: 'user', id: ada.id },
        'success',
        // marketing asked off while off (never set): the text version it holds changes, so it counts.
        { seq: 1, textVersion: '2025-06-01', analytics: true, marketing: false },
      ],
      [
        { type: 'user', id: ada.id, userId: ada.id },
        { type: 'user', id: ada.id },
        'success',
        { seq: 2, textVersion: '2025-06-01', analytics: false, marketing: true },
      ],
    ]);
    expect(entries.every((e) => e.key === `consent:${ada.id}:${e.details.seq}`)).toBe(true);
  });

  it('should record erasure_requested and erasure_cancelled once each, a repeated request adding nothing', async () => {
    const { bo } = await kit.users('bo');
    const path = '/v1/me/privacy/erasure';
    expect((await kit.call(requestErasure, path, bo, { method: 'POST' })).status).toBe(202);
    expect((await kit.call(requestErasure, path, bo, { method: 'POST' })).status).toBe(202);
    expect((await kit.call(cancelErasure, path, bo, { method: 'DELETE' })).status).toBe(200);
    const requested = await entriesAbout(bo.id, 'privacy.erasure_requested');
    const cancelled = await entriesAbout(bo.id, 'privacy.erasure_cancelled');
    expect(requested.map((e) => [e.actor.type, e.actor.id, e.outcome, e.details.requestId])).toEqual([
      ['user', bo.id, 'success', `erasure:${bo.id}:1`],
    ]);
    expect(requested[0]!.details.scheduledFor).toEqual(expect.any(String));
    expect(cancelled.map((e) => [e.actor.type, e.actor.id, e.outcome, e.details.requestId])).toEqual([
      ['user', bo.id, 'success', `erasure:${bo.id}:2`],
    ]);
  });

  it('should name the DPO as actor of an erasure entered for someone, and of a restriction entered for them', async () => {
    const dpo = await kit.staff('dpo', ['dpo']);
    const { cy } = await kit.users('cy');
    for (const body of [
      { kind: 'erasure', userId: cy.id, channel: 'post', reference: 'letter-7' },
      { kind: 'restriction', userId: cy.id, channel: 'email', restriction: { purpose: 'marketing', kind: 'objection' } },
    ]) {
      expect((await kit.call(createRequest, '/v1/admin/privacy/requests', dpo, { method: 'POST', body })).status).toBe(201);
    }
    const [requested] = await entriesAbout(cy.id, 'privacy.erasure_requested');
    expect(requested).toMatchObject({ actor: { type: 'staff', id: dpo.id }, outcome: 'success', target: { type: 'user', id: cy.id } });
    const restricted = await kit.db
      .collection<AuditEntry>(auditLogCollection.name)
      .find({ action: 'privacy.restriction_changed', 'target.id': `${cy.id}:1` })
      .toArray();
    expect(restricted.map((e) => [e.actor.type, e.actor.id])).toEqual([['staff', dpo.id]]);
  });

  it('should record staff listing the breach register and viewing a breach', async () => {
    const dpo = await kit.staff('dpo-reader', ['dpo']);
    const reported = await kit.call(reportBreach, '/v1/admin/breaches', dpo, {
      method: 'POST',
      body: { awareAt: new Date().toISOString(), description: 'A laptop with an export was lost.', dataClasses: ['pseudonymous'] },
    });
    const id = reported.body!.id as string;
    expect((await kit.call(breachList, '/v1/admin/breaches?limit=5', dpo)).status).toBe(200);
    expect((await kit.call(breachGet, `/v1/admin/breaches/${id}`, dpo)).status).toBe(200);
    const mine = await kit.db.collection<AuditEntry>(auditLogCollection.name).find({ 'actor.id': dpo.id }).toArray();
    expect(mine.filter((e) => e.action === 'breach.listed').map((e) => e.actor.type)).toEqual(['staff']);
    expect(mine.filter((e) => e.action === 'breach.viewed').map((e) => [e.target?.id, e.details.part])).toEqual([[id, 'facts']]);
  });

  it('should leave every chain verifying', async () => {
    const report = await kit.verifyAll();
    expect(report.firstBreak).toBeNull();
    expect(report.ok).toBe(true);
  });
});
