import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMail } from '../../../scripts/services/index.ts';
import deadlineAlerts from '../../../functions/privacy/breach-deadline-alerts.ts';
import draftNotice from '../../../functions/privacy/breach-draft-notice.ts';
import editNotice from '../../../functions/privacy/breach-edit-notice.ts';
import getBreach from '../../../functions/privacy/breach-get.ts';
import getNotice from '../../../functions/privacy/breach-get-notice.ts';
import listBreaches from '../../../functions/privacy/breach-list.ts';
import reportBreach from '../../../functions/privacy/breach-report.ts';
import updateBreach from '../../../functions/privacy/breach-update.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { startAuditKit, type AuditKit } from '../../support/audit-kit.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';

const hour = 3_600_000;
let kit: AuditKit;
let dpo: TestUser;
let admin: TestUser;

beforeAll(async () => {
  kit = await startAuditKit('it_breach_register');
  dpo = await kit.staff('dpo', ['dpo']);
  admin = await kit.staff('admin', ['admin']);
}, servicesHookTimeoutMs);
afterAll(async () => kit?.close());

const report = (as: TestUser, hoursAgo: number, extra: Record<string, unknown> = {}) =>
  kit.call(reportBreach, '/v1/admin/breaches', as, {
    method: 'POST',
    body: {
      awareAt: new Date(Date.now() - hoursAgo * hour).toISOString(),
      description: 'A support export of user records was shared with the wrong customer.',
      dataClasses: ['direct-identifier', 'pseudonymous'],
      ...extra,
    },
  });
const move = (id: string, status: string, note?: string) =>
  kit.call(updateBreach, `/v1/admin/breaches/${id}`, dpo, { method: 'PATCH', body: { status, ...(note ? { note } : {}) } });
const idOf = (reply: { body: Record<string, unknown> | null }) => reply.body!.id as string;

describe('the breach register', () => {
  it('should register a breach for the DPO with its 72-hour deadline, and audit it as a staff action', async () => {
    const reply = await report(dpo, 2);
    expect(reply.status).toBe(201);
    const body = reply.body as { id: string; status: string; awareAt: string; history: unknown[]; deadline: Record<string, unknown> };
    expect(body.status).toBe('suspected');
    expect(body.history).toHaveLength(1);
    expect(new Date(body.deadline.authorityDeadline as string).getTime() - new Date(body.awareAt).getTime()).toBe(72 * hour);
    expect(body.deadline.overdue).toBe(false);
    const entries = await kit.stored('platform');
    expect(entries.find((e) => e.action === 'breach.reported' && e.target?.id === body.id)).toMatchObject({
      actor: { type: 'staff', id: dpo.id },
      outcome: 'success',
    });
  });

  it('should refuse a member without a platform role and a support agent, and admit an admin', async () => {
    const member = await kit.user('member');
    const support = await kit.staff('support', ['support']);
    expect(outcome(await report(member, 1))).toEqual({ status: 403, code: 'PERMISSION_DENIED' });
    expect(outcome(await report(support, 1))).toEqual({ status: 403, code: 'PERMISSION_DENIED' });
    expect((await report(admin, 1)).status).toBe(201);
  });

  it('should refuse an awareness time in the future and an unknown data class', async () => {
    expect(outcome(await report(dpo, -2))).toEqual({ status: 400, code: 'BREACH_AWARENESS_IN_FUTURE' });
    expect(outcome(await report(dpo, 1, { dataClasses: ['gossip'] }))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('should move a breach only along the workflow, asking for a note when closing and when the notice is late', async () => {
    const id = idOf(await report(dpo, 80));
    expect(outcome(await move(id, 'subjects_notified'))).toEqual({ status: 409, code: 'BREACH_STATUS_TRANSITION_INVALID' });
    expect((await move(id, 'confirmed')).status).toBe(200);
    expect(outcome(await move(id, 'authority_notified'))).toEqual({ status: 400, code: 'BREACH_NOTE_REQUIRED' });
    expect((await move(id, 'authority_notified', 'The export was found on a weekend; notified on the first working day.')).status).toBe(
      200,
    );
    expect(outcome(await move(id, 'closed'))).toEqual({ status: 400, code: 'BREACH_NOTE_REQUIRED' });
    const closed = await move(id, 'closed', 'Low risk for the people concerned: no notice to them.');
    expect(closed.status).toBe(200);
    expect((closed.body!.history as { status: string; seq: number }[]).map((e) => [e.seq, e.status])).toEqual([
      [1, 'suspected'],
      [2, 'confirmed'],
      [3, 'authority_notified'],
      [4, 'closed'],
    ]);
    expect(closed.body!.deadline).toMatchObject({ overdue: false, hoursLeft: null });
    expect(outcome(await move(id, 'confirmed'))).toEqual({ status: 409, code: 'BREACH_STATUS_TRANSITION_INVALID' });
    expect(outcome(await kit.call(getBreach, '/v1/admin/breaches/brc_zzzzzzzzzzzzzzzzzzzz', dpo))).toEqual({
      status: 404,
      code: 'BREACH_NOT_FOUND',
    });
  });

  it('should let one of 6 racing confirmations win and refuse the others', async () => {
    const id = idOf(await report(dpo, 1));
    const replies = await Promise.all(Array.from({ length: 6 }, () => move(id, 'confirmed')));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.status !== 200).map(outcome)).toEqual(
      Array.from({ length: 5 }, () => ({ status: 409, code: 'BREACH_STATUS_TRANSITION_INVALID' })),
    );
    const detail = await kit.call(getBreach, `/v1/admin/breaches/${id}`, dpo);
    expect((detail.body!.history as unknown[]).length).toBe(2);
  });

  it('should list the register newest first, page by page', async () => {
    const first = await kit.call(listBreaches, '/v1/admin/breaches?limit=2', dpo);
    expect(first.status).toBe(200);
    const second = await kit.call(listBreaches, `/v1/admin/breaches?limit=2&cursor=${String(first.body!.nextCursor)}`, dpo);
    const ids = [...(first.body!.items as { id: string }[]), ...(second.body!.items as { id: string }[])].map((b) => b.id);
    expect(new Set(ids).size).toBe(4);
    const times = (first.body!.items as { reportedAt: string }[]).map((b) => b.reportedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });
});

describe('the deadline alerts', () => {
  const cron = named(deadlineAlerts, 'functions/privacy/breach-deadline-alerts.ts');
  const alertsOf = async (id: string) =>
    ((await kit.call(getBreach, `/v1/admin/breaches/${id}`, dpo)).body!.alerts as { threshold: string; mailedAt: string | null }[]).map(
      (a) => [a.threshold, a.mailedAt !== null],
    );
  const mailsAbout = async (id: string) =>
    (await readMail(kit.mailDir, { to: 'dpo@uxflow.test' })).filter((m) => (m.message.subject ?? '').includes(id));

  it('should raise the 48 h and 68 h alerts once each, mail the DPO once, and stay silent once the authority is told', async () => {
    const at50 = idOf(await report(dpo, 50));
    const at70 = idOf(await report(dpo, 70));
    const told = idOf(await report(dpo, 70, { status: 'confirmed' }));
    await move(told, 'authority_notified');
    await fireCron(cron, kit.env);
    await fireCron(cron, kit.env);
    expect(await alertsOf(at50)).toEqual([['48h', true]]);
    expect(await alertsOf(at70)).toEqual([
      ['48h', true],
      ['68h', true],
    ]);
    expect(await alertsOf(told)).toEqual([]);
    expect(await mailsAbout(at50)).toHaveLength(1);
    expect(await mailsAbout(at70)).toHaveLength(2);
    const raised = (await kit.stored('platform')).filter((e) => e.action === 'breach.deadline_alert_raised' && e.target?.id === at70);
    expect(raised.map((e) => [e.actor.type, e.details.threshold])).toEqual([
      ['system', '48h'],
      ['system', '68h'],
    ]);
  });
});

describe('the notices', () => {
  it('should draft an authority notice, keep each DPO edit as a version, and refuse an edit of an old version', async () => {
    const id = idOf(await report(dpo, 3));
    const path = `/v1/admin/breaches/${id}/notices`;
    expect(outcome(await kit.call(getNotice, `${path}/authority`, dpo))).toEqual({ status: 404, code: 'BREACH_NOTICE_NOT_FOUND' });
    const drafted = await kit.call(draftNotice, path, dpo, { method: 'POST', body: { audience: 'authority' } });
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({ version: 1, source: 'generated', sections: { dpoContact: 'dpo@uxflow.test' } });
    const edit = (baseVersion: number, sections: Record<string, string>) =>
      kit.call(editNotice, `${path}/authority`, dpo, { method: 'PUT', body: { baseVersion, sections } });
    const edited = await edit(1, { measures: 'Taken: the link was revoked within an hour.' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      version: 2,
      source: 'edited',
      sections: { measures: 'Taken: the link was revoked within an hour.' },
    });
    expect((edited.body!.sections as Record<string, string>).nature).toBe((drafted.body!.sections as Record<string, string>).nature);
    expect(outcome(await edit(1, { measures: 'Stale' }))).toEqual({ status: 409, code: 'BREACH_NOTICE_VERSION_CONFLICT' });
    expect(outcome(await edit(2, { whatYouCanDo: 'Not an authority section' }))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await kit.call(getNotice, `${path}/authority?version=1`, dpo)).body).toMatchObject({ version: 1, source: 'generated' });
    expect((await kit.call(getNotice, `${path}/authority`, dpo)).body).toMatchObject({ version: 2 });
    const subjects = await kit.call(draftNotice, path, dpo, { method: 'POST', body: { audience: 'subjects' } });
    expect(subjects.body).toMatchObject({ audience: 'subjects', version: 1 });
    const audited = (await kit.stored('platform')).filter((e) => e.target?.id === id).map((e) => e.action);
    // Each read of a notice too (the 404 before the first draft is not one).
    expect(audited).toEqual([
      'breach.reported',
      'breach.notice_drafted',
      'breach.notice_edited',
      'breach.viewed',
      'breach.viewed',
      'breach.notice_drafted',
    ]);
  });

  it('should let racing edits of one version make one new version', async () => {
    const id = idOf(await report(dpo, 3));
    const path = `/v1/admin/breaches/${id}/notices`;
    await kit.call(draftNotice, path, dpo, { method: 'POST', body: { audience: 'subjects' } });
    const replies = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        kit.call(editNotice, `${path}/subjects`, dpo, { method: 'PUT', body: { baseVersion: 1, sections: { contact: `Edit ${i}` } } }),
      ),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.status !== 200).map(outcome)).toEqual(
      Array.from({ length: 4 }, () => ({ status: 409, code: 'BREACH_NOTICE_VERSION_CONFLICT' })),
    );
  });
});
