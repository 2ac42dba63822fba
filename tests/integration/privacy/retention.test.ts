import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import deleteFlow from '../../../functions/flows/delete.ts';
import aiConversations from '../../../functions/privacy/retention-ai-conversations.ts';
import auditPseudonymisation from '../../../functions/privacy/retention-audit-pseudonymisation.ts';
import deletedFlows from '../../../functions/privacy/retention-deleted-flows.ts';
import deletedWorkspaces from '../../../functions/privacy/retention-deleted-workspaces.ts';
import createInvitation from '../../../functions/workspaces/create-invitation.ts';
import deleteWorkspace from '../../../functions/workspaces/delete.ts';
import inactiveAccounts from '../../../functions/privacy/retention-inactive-accounts.ts';
import securityRecords from '../../../functions/privacy/retention-security-records.ts';
import sessionsAndTokens from '../../../functions/privacy/retention-sessions-and-tokens.ts';
import { printRetention, runRetention } from '../../../scripts/privacy/retention.ts';
import { readMail } from '../../../scripts/services/index.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { named, type CronFunctionDefinition } from '../../../shared/platform/definition/index.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { startFlowKit } from '../../support/flow-kit.ts';
import { testDatabase } from '../../support/auth-test-env.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

let kit: Awaited<ReturnType<typeof startFlowKit>>;
beforeAll(async () => {
  kit = await startFlowKit(testDatabase('it_privacy_retention'));
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const day = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * day);
const fire = (definition: CronFunctionDefinition, file: string) => fireCron(named(definition, `functions/privacy/${file}.ts`), kit.env);
const count = (collection: string, filter: Record<string, unknown> = {}) => kit.db.collection(collection).countDocuments(filter);
const insert = (collection: string, docs: Record<string, unknown>[]) =>
  kit.db.collection(collection).insertMany(docs.map((doc) => ({ _id: newId('tst'), schemaVersion: 1, ...doc })) as never);
const dryRun = async (rule: string) => (await runRetention(kit.env, { dryRun: true })).find((r) => r.rule === rule)!.counts;

describe('retention jobs', () => {
  it('sessions-and-tokens: should delete sessions and tokens 30 days after expiry, and keep younger ones', async () => {
    await insert('sessions', [
      { userId: 'usr_a', expiresAt: ago(31) },
      { userId: 'usr_a', expiresAt: ago(29) },
      { userId: 'usr_a', expiresAt: ago(-5) },
    ]);
    await insert('refresh_tokens', [
      { userId: 'usr_a', expiresAt: ago(40) },
      { userId: 'usr_a', expiresAt: ago(1) },
    ]);
    await insert('totp_steps_used', [{ usedAt: ago(2) }, { usedAt: new Date() }]);
    expect(await dryRun('sessions-and-tokens')).toMatchObject({ sessions: 1, refresh_tokens: 1, totp_steps_used: 1 });
    expect(await count('sessions')).toBe(3); // a dry run changes nothing
    await fire(sessionsAndTokens, 'retention-sessions-and-tokens');
    expect([await count('sessions'), await count('refresh_tokens'), await count('totp_steps_used')]).toEqual([2, 1, 1]);
    await fire(sessionsAndTokens, 'retention-sessions-and-tokens');
    expect(await count('sessions')).toBe(2);
  });

  it('sessions-and-tokens: should delete an invitation never accepted 30 days after it expired, with its address key, and keep others', async () => {
    const { workspaceId, owner } = await kit.team();
    const invite = async (email: string) => {
      const reply = await kit.call(createInvitation, `/v1/workspaces/${workspaceId}/invitations`, owner, {
        method: 'POST',
        body: { email, role: 'viewer' },
      });
      expect(reply.status).toBe(201);
      return reply.body?.id as string;
    };
    const [stale, lapsed, accepted] = [
      await invite(`stale-${workspaceId}@example.com`),
      await invite(`lapsed-${workspaceId}@example.com`),
      await invite(`accepted-${workspaceId}@example.com`),
    ];
    const invitations = kit.db.collection('workspace_invitations');
    await invitations.updateOne({ _id: stale as never }, { $set: { expiresAt: ago(31) } });
    await invitations.updateOne({ _id: lapsed as never }, { $set: { expiresAt: ago(10) } });
    await invitations.updateOne({ _id: accepted as never }, { $set: { expiresAt: ago(60), acceptedAt: ago(65), acceptedBy: owner.id } });
    expect(await dryRun('sessions-and-tokens')).toMatchObject({ workspace_invitations: 1 });
    await fire(sessionsAndTokens, 'retention-sessions-and-tokens');
    expect(await count('workspace_invitations', { workspaceId })).toBe(2);
    expect(await count('workspace_invitations', { _id: stale })).toBe(0);
    expect(await kit.db.collection('user_data_keys').findOne({ _id: stale as never })).toMatchObject({ wrapped: null });
    expect((await kit.db.collection('user_data_keys').findOne({ _id: lapsed as never }))?.wrapped).toEqual(expect.any(String));
  });

  it('ai-conversations: should delete a conversation whose last message is 365 days old, whole, and keep an active one', async () => {
    await insert('ai_messages', [
      { flowId: 'flw_old', userId: 'usr_a', createdAt: ago(400) },
      { flowId: 'flw_old', userId: 'usr_a', createdAt: ago(370) },
      { flowId: 'flw_live', userId: 'usr_a', createdAt: ago(500) },
      { flowId: 'flw_live', userId: 'usr_a', createdAt: ago(3) },
    ]);
    const jobId = newId('job');
    await kit.db.collection('ai_jobs').insertMany([
      { _id: jobId as never, createdAt: ago(366) },
      { _id: newId('job') as never, createdAt: ago(10) },
    ]);
    await kit.db.collection('ai_job_steps').insertOne({ _id: `${jobId}:1` as never, jobId, seq: 1 });
    expect(await dryRun('ai-conversations')).toMatchObject({ ai_messages: 2, ai_jobs: 1, ai_job_steps: 1 });
    await fire(aiConversations, 'retention-ai-conversations');
    expect([await count('ai_messages', { flowId: 'flw_old' }), await count('ai_messages', { flowId: 'flw_live' })]).toEqual([0, 2]);
    expect([await count('ai_jobs'), await count('ai_job_steps')]).toEqual([1, 0]);
  });

  it('deleted-flows: should purge a flow deleted 31 days ago, with its versions, and keep one deleted 5 days ago', async () => {
    const { workspaceId, owner } = await kit.team();
    const [old, recent] = [await kit.newFlow(workspaceId, owner), await kit.newFlow(workspaceId, owner)];
    for (const flowId of [old, recent])
      expect((await kit.call(deleteFlow, `/v1/flows/${flowId}`, owner, { method: 'DELETE' })).status).toBe(204);
    await kit.ageDeletion(old, 2, 31);
    await kit.ageDeletion(recent, 2, 5);
    expect(await dryRun('deleted-flows')).toEqual({ flows: 1 });
    await fire(deletedFlows, 'retention-deleted-flows');
    expect([await count('flows', { _id: old }), await count('flow_versions', { flowId: old })]).toEqual([0, 0]);
    expect(await count('flows', { _id: recent })).toBe(1);
  });

  it('deleted-workspaces: should purge a workspace 30 days after its deletion, with what it held, and keep one deleted 5 days ago', async () => {
    const [old, recent] = [await kit.team(), await kit.team()];
    for (const team of [old, recent]) {
      await kit.newFlow(team.workspaceId, team.owner);
      const invited = await kit.call(createInvitation, `/v1/workspaces/${team.workspaceId}/invitations`, team.owner, {
        method: 'POST',
        body: { email: `invitee-${team.workspaceId}@example.com`, role: 'editor' },
      });
      expect(invited.status).toBe(201);
      expect((await kit.call(deleteWorkspace, `/v1/workspaces/${team.workspaceId}`, team.owner, { method: 'DELETE' })).status).toBe(204);
    }
    const tombstones = kit.db.collection('workspace_tombstones');
    await tombstones.updateOne({ _id: old.workspaceId as never }, { $set: { deletedAt: ago(31) } });
    await tombstones.updateOne({ _id: recent.workspaceId as never }, { $set: { deletedAt: ago(5) } });
    const held = async (workspaceId: string) => ({
      workspaces: await count('workspaces', { _id: workspaceId }),
      workspace_members: await count('workspace_members', { workspaceId }),
      workspace_invitations: await count('workspace_invitations', { workspaceId }),
      flows: await count('flows', { workspaceId }),
      flow_versions: await count('flow_versions', { workspaceId }),
    });
    const before = await held(old.workspaceId);
    expect(before).toEqual({ workspaces: 1, workspace_members: 3, workspace_invitations: 1, flows: 1, flow_versions: 1 });
    const invitation = await kit.db.collection('workspace_invitations').findOne({ workspaceId: old.workspaceId });

    expect(await dryRun('deleted-workspaces')).toMatchObject(before);
    expect(await held(old.workspaceId)).toEqual(before); // a dry run changes nothing
    await fire(deletedWorkspaces, 'retention-deleted-workspaces');

    expect(await held(old.workspaceId)).toEqual({
      workspaces: 0,
      workspace_members: 0,
      workspace_invitations: 0,
      flows: 0,
      flow_versions: 0,
    });
    expect(await held(recent.workspaceId)).toEqual(before);
    // The invitee's address key is destroyed with the invitation; the tombstone stays, so the id keeps answering 404.
    expect(await kit.db.collection('user_data_keys').findOne({ _id: invitation!._id })).toMatchObject({ wrapped: null });
    expect(await count('workspace_tombstones', { _id: old.workspaceId })).toBe(1);
    expect(await dryRun('deleted-workspaces')).toEqual({});
  });

  it('security-records: should delete security events, login attempts, key uses and request-log buckets older than 90 days', async () => {
    await insert('security_events', [
      { type: 'x', at: ago(91) },
      { type: 'x', at: ago(89) },
    ]);
    await insert('login_attempts', [
      { email: 'old@example.com', at: ago(100) },
      { email: 'new@example.com', at: ago(1) },
    ]);
    await insert('function_calls', [
      { function: 'flows-get', userId: 'usr_a', bucket: ago(95) },
      { function: 'flows-get', userId: 'usr_a', bucket: ago(2) },
    ]);
    expect(await dryRun('security-records')).toMatchObject({ security_events: 1, login_attempts: 1, function_calls: 1 });
    await fire(securityRecords, 'retention-security-records');
    expect([await count('security_events'), await count('login_attempts'), await count('function_calls', { userId: 'usr_a' })]).toEqual([
      1, 1, 1,
    ]);
  });

  it('security-records: should delete an incident closed 90 days ago with its alerts and history, and keep open, recent and re-alerted ones', async () => {
    const incident = (label: string) => `inc_${label}_${newId('x').slice(2, 10)}`;
    const [closed, open, recent, realerted] = [incident('closed'), incident('open'), incident('recent'), incident('realerted')] as const;
    await kit.db
      .collection('security_incidents')
      .insertMany([closed, open, recent, realerted].map((id) => ({ _id: id as never, groupKey: id, openedAt: ago(200) })));
    const change = (incidentId: string, seq: number, status: string, days: number) => ({
      _id: `${incidentId}:${seq}` as never,
      incidentId,
      seq,
      status,
      at: ago(days),
    });
    await kit.db
      .collection('security_incident_changes')
      .insertMany([
        change(closed, 1, 'acknowledged', 150),
        change(closed, 2, 'closed', 120),
        change(open, 1, 'closed', 150),
        change(open, 2, 'open', 140),
        change(recent, 1, 'closed', 10),
        change(realerted, 1, 'closed', 120),
      ]);
    await insert('security_alerts', [
      { incidentId: closed, slotKey: `${closed}|1`, raisedAt: ago(190) },
      { incidentId: realerted, slotKey: `${realerted}|1`, raisedAt: ago(190) },
      { incidentId: realerted, slotKey: `${realerted}|2`, raisedAt: ago(5) },
    ]);
    const left = async () =>
      Promise.all(
        [closed, open, recent, realerted].map(async (id) => [
          await count('security_incidents', { _id: id }),
          await count('security_incident_changes', { incidentId: id }),
          await count('security_alerts', { incidentId: id }),
        ]),
      );
    expect(await dryRun('security-records')).toMatchObject({ security_incidents: 1, security_incident_changes: 2, security_alerts: 1 });
    await fire(securityRecords, 'retention-security-records');
    expect(await left()).toEqual([
      [0, 0, 0],
      [1, 2, 0],
      [1, 1, 0],
      [1, 1, 2],
    ]);
    // A run cut short after the incident went leaves its history: the closing change finds it again.
    await kit.db.collection('security_incident_changes').insertOne(change(closed, 2, 'closed', 120));
    await fire(securityRecords, 'retention-security-records');
    expect(await count('security_incident_changes', { incidentId: closed })).toBe(0);
  });

  it('inactive-accounts: should send a notice to a free account inactive for 2 years, then schedule its erasure 30 days later', async () => {
    const { dormant, active } = await kit.users('dormant', 'active');
    for (const [user, lastUsedAt] of [
      [dormant, ago(800)],
      [active, ago(2)],
    ] as const) {
      await kit.db.collection('users').updateOne({ _id: user.id as never }, { $set: { createdAt: ago(900) } });
      await insert('sessions', [{ userId: user.id, createdAt: ago(900), lastUsedAt, expiresAt: ago(-30) }]);
      await kit.workspace({ owner: [user] }, { plan: 'free', personal: true });
    }
    expect(await dryRun('inactive-accounts')).toEqual({ notices_sent: 1, erasures_scheduled: 0 });
    await fire(inactiveAccounts, 'retention-inactive-accounts');
    await fire(inactiveAccounts, 'retention-inactive-accounts'); // one notice per inactive period
    expect(await count('inactivity_notices', { userId: dormant.id })).toBe(1);
    expect(await count('inactivity_notices', { userId: active.id })).toBe(0);
    expect((await readMail(kit.mailDir, { to: dormant.email })).length).toBe(1);
    expect(await count('erasure_requests', { userId: dormant.id })).toBe(0);
    // 31 days after the notice, still inactive: an erasure due at once, which the erasure job carries out.
    await kit.db.collection('inactivity_notices').updateMany({ userId: dormant.id }, { $set: { sentAt: ago(31) } });
    await fire(inactiveAccounts, 'retention-inactive-accounts');
    expect(await count('erasure_requests', { userId: dormant.id, kind: 'requested' })).toBe(1);
  });

  it('audit-pseudonymisation: should delete the audit sidecar values left for a person whose erasure finished', async () => {
    // A finished erasure (functions/privacy/execute-erasures.ts writes these; tests/integration/privacy/erasure-run.test.ts runs it).
    const erased = newId('usr');
    await kit.db.collection('erasure_runs').insertOne({ _id: 'era_retention' as never, userId: erased, seq: 1 });
    await kit.db.collection('erasure_receipts').insertOne({ _id: 'era_retention' as never, stores: [] });
    await insert('audit_personal', [
      { subjectId: erased, salt: 's', values: { email: 'late@example.com' } },
      { subjectId: 'usr_other', salt: 's', values: {} },
    ]);
    expect(await dryRun('audit-pseudonymisation')).toMatchObject({ audit_personal: 1 });
    await fire(auditPseudonymisation, 'retention-audit-pseudonymisation');
    expect([await count('audit_personal', { subjectId: erased }), await count('audit_personal', { subjectId: 'usr_other' })]).toEqual([
      0, 1,
    ]);
  });

  it('should print what each job would remove', async () => {
    const text = printRetention(await runRetention(kit.env, { dryRun: true }), true);
    for (const rule of [
      'sessions-and-tokens',
      'ai-conversations',
      'deleted-flows',
      'deleted-workspaces',
      'security-records',
      'inactive-accounts',
      'erased-accounts',
      'billing-records',
      'audit-pseudonymisation',
      'audit-log',
    ])
      expect(text).toContain(`${rule}: would remove`);
  });
});
