import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import deliverAlertsFunction from '../../../functions/security/deliver-alerts.ts';
import detectFunction from '../../../functions/security/detect.ts';
import getIncidentFunction from '../../../functions/security/get-incident.ts';
import listAlertsFunction from '../../../functions/security/list-alerts.ts';
import listIncidentsFunction from '../../../functions/security/list-incidents.ts';
import updateIncidentFunction from '../../../functions/security/update-incident.ts';
import { securityAlertCollection } from '../../../shared/infra/mongodb/security-alert-store.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { readMail } from '../../../scripts/services/index.ts';
import { startAuditKit, type AuditKit } from '../../support/audit-kit.ts';
import { deliverEvent } from '../../support/deliver-event.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';

const detect = named(detectFunction, 'functions/security/detect.ts');

let kit: AuditKit;
let broker: Server;
const published: { type: string; id: string; body: Record<string, unknown>; traceparent: string | undefined }[] = [];
let runtimes: Runtime[];
let env: Record<string, string | undefined>;
const envOf = () => env;
const deliverAlerts = named(deliverAlertsFunction, 'functions/security/deliver-alerts.ts');
const staffMail = `security-${randomUUID().slice(0, 8)}@uxflow.test`;

beforeAll(async () => {
  kit = await startAuditKit('it_security_monitoring');
  broker = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      published.push({
        type: String(req.headers['ce-type']),
        id: String(req.headers['ce-id']),
        body: JSON.parse(body) as Record<string, unknown>,
        traceparent: req.headers['ce-traceparent'] as string | undefined,
      });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => broker.listen(0, '127.0.0.1', resolve));
  env = {
    ...kit.env,
    BROKER_URL: `http://127.0.0.1:${(broker.address() as AddressInfo).port}/`,
    SECURITY_ALERT_MAIL_TO: staffMail,
    SECURITY_ALERT_MAIL_MIN_SEVERITY: 'medium',
    SECURITY_FAILED_LOGIN_IP_MAX: '3',
    SECURITY_MASS_DELETION_MAX: '2',
  };
  // Two instances of the consumer: the broker may hand events of one burst to either.
  runtimes = [createRuntime(detect, env), createRuntime(detect, env)];
}, servicesHookTimeoutMs);
afterAll(async () => {
  await Promise.all(runtimes?.map((r) => r.close()) ?? []);
  await new Promise((resolve) => broker?.close(resolve));
  await kit?.close();
});

const loginFailed = (ip: string, id = newId('sev')) => ({
  id,
  type: 'com.uxflow.security.event.v1' as const,
  data: { id, type: 'login_failed', at: new Date().toISOString(), ip },
});
const alertsOf = (ip: string) => kit.db.collection(securityAlertCollection.name).find({ 'subject.id': ip }).toArray();

describe('the detection consumer', () => {
  it('should raise one alert for a burst, publish it and mail staff, however many events and consumers see it', async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    const burst = Array.from({ length: 8 }, () => loginFailed(ip));
    await Promise.all(burst.map((event, i) => deliverEvent(detect, event, runtimes[i % 2]!)));
    await deliverEvent(detect, burst[7]!, runtimes[0]!); // a redelivery

    const alerts = await alertsOf(ip);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ rule: 'failed_login_ip', severity: 'medium', subject: { kind: 'ip', id: ip } });
    expect(alerts[0]!.publishedAt).toBeInstanceOf(Date);
    expect(alerts[0]!.mailedAt).toBeInstanceOf(Date);

    const events = published.filter((e) => e.type === 'com.uxflow.security.alert.v1' && e.id === String(alerts[0]!._id));
    expect(events).toHaveLength(1);
    expect(events[0]!.body).toMatchObject({ rule: 'failed_login_ip', incidentId: alerts[0]!.incidentId });
    const mails = await readMail(kit.mailDir, { to: staffMail });
    expect(mails.filter((m) => m.message.text?.includes(String(alerts[0]!._id)))).toHaveLength(1);
  });

  it('should leave an alert it could not deliver to the delivery cron, which publishes and mails it once', async () => {
    const down = createRuntime(detect, { ...envOf(), BROKER_URL: 'http://127.0.0.1:9/' });
    const ip = '198.51.100.77';
    try {
      for (let i = 0; i < 3; i += 1) await deliverEvent(detect, loginFailed(ip), down);
    } finally {
      await down.close();
    }
    const [stuck] = await alertsOf(ip);
    expect(stuck).toMatchObject({ delivered: false, publishedAt: null });
    // As if the grace minute had passed, and as if a traced consumer had raised it (its trace kept).
    const kept = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await kit.db
      .collection(securityAlertCollection.name)
      .updateOne({ _id: stuck!._id }, { $set: { raisedAt: new Date(Date.now() - 120_000), traceparent: kept } });
    await fireCron(deliverAlerts, envOf());
    await fireCron(deliverAlerts, envOf());
    const [delivered] = await alertsOf(ip);
    expect(delivered).toMatchObject({ delivered: true });
    expect(published.filter((e) => e.id === String(stuck!._id)).map((e) => e.traceparent)).toEqual([kept]);
    expect((await readMail(kit.mailDir, { to: staffMail })).filter((m) => m.message.text?.includes(String(stuck!._id)))).toHaveLength(1);
  });

  it('should stay silent below the threshold', async () => {
    const ip = '198.51.100.201';
    await deliverEvent(detect, loginFailed(ip), runtimes[0]!);
    await deliverEvent(detect, loginFailed(ip), runtimes[1]!);
    expect(await alertsOf(ip)).toHaveLength(0);
  });

  it('should look up where each sign-in came from, and raise impossible travel for two countries within the hour', async () => {
    const userId = newId('usr');
    const signedIn = (ip: string, minutesAgo: number) => {
      const id = newId('sev');
      const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
      return { id, type: 'com.uxflow.security.event.v1' as const, data: { id, type: 'signed_in', at, ip, userId } };
    };
    // 194.25.134.1 is in Germany, 8.8.8.8 in the United States (the offline country database).
    await deliverEvent(detect, signedIn('194.25.134.1', 200), runtimes[0]!);
    await deliverEvent(detect, signedIn('194.25.134.8', 30), runtimes[1]!); // the same country again, hours later
    expect(await alertsOf(userId)).toHaveLength(0);
    await deliverEvent(detect, signedIn('8.8.8.8', 10), runtimes[0]!);
    expect(await alertsOf(userId)).toMatchObject([{ rule: 'impossible_travel', subject: { kind: 'user', id: userId } }]);
  });

  it('should watch flow deletions for mass deletion', async () => {
    const actorId = newId('usr');
    for (let i = 0; i < 2; i += 1) {
      const flowId = newId('flw');
      await deliverEvent(
        detect,
        {
          id: `${flowId}:2`,
          type: 'com.uxflow.flow.deleted.v1',
          data: {
            flowId,
            workspaceId: newId('wsp'),
            versionNumber: 2,
            kind: 'deleted',
            actorId,
            at: new Date().toISOString(),
            operations: { count: 0, byType: {}, text: '' },
          },
        },
        runtimes[i % 2]!,
      );
    }
    const alerts = await kit.db.collection(securityAlertCollection.name).find({ 'subject.id': actorId }).toArray();
    expect(alerts.map((a) => String(a.rule))).toEqual(['mass_deletion']);
  });

  it('should refuse an event the catalog refuses', async () => {
    await expect(
      deliverEvent(detect, { type: 'com.uxflow.security.event.v1', data: { type: 'login_failed' } }, runtimes[0]!),
    ).rejects.toMatchObject({
      code: 'EVENT_DATA_INVALID',
    });
  });
});

describe('the staff endpoints', () => {
  let support: TestUser;
  let dpo: TestUser;
  let member: TestUser;
  let incidentId: string;

  beforeAll(async () => {
    support = await kit.staff('support', ['support']);
    dpo = await kit.staff('dpo', ['dpo']);
    member = await kit.user('member');
    const ip = '192.0.2.150';
    for (let i = 0; i < 3; i += 1) await deliverEvent(detect, loginFailed(ip), runtimes[0]!);
    incidentId = String((await alertsOf(ip))[0]!.incidentId);
  });

  it('should list alerts and incidents for support, and refuse a user without a platform role', async () => {
    const alerts = await kit.call(listAlertsFunction, `/v1/admin/security/alerts?incident=${incidentId}`, support);
    expect(alerts.status).toBe(200);
    expect((alerts.body!.items as { incidentId: string }[]).map((a) => a.incidentId)).toEqual([incidentId]);
    const incidents = await kit.call(listIncidentsFunction, '/v1/admin/security/incidents?status=open', support);
    expect(incidents.status).toBe(200);
    expect((incidents.body!.items as { id: string }[]).map((i) => i.id)).toContain(incidentId);
    expect(outcome(await kit.call(listAlertsFunction, '/v1/admin/security/alerts', member))).toEqual({
      status: 403,
      code: 'PERMISSION_DENIED',
    });
    expect(outcome(await kit.call(getIncidentFunction, `/v1/admin/security/incidents/${newId('inc')}`, support))).toEqual({
      status: 404,
      code: 'INCIDENT_NOT_FOUND',
    });
  });

  it('should take an incident through its workflow at the version read, and audit each change', async () => {
    const path = `/v1/admin/security/incidents/${incidentId}`;
    const read = await kit.call(getIncidentFunction, path, support);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"0"');
    expect(read.body).toMatchObject({ incident: { status: 'open', version: 0 }, history: [] });

    const patch = (as: TestUser, body: unknown, ifMatch?: string) =>
      kit.call(updateIncidentFunction, path, as, { method: 'PATCH', body, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });
    expect(outcome(await patch(support, { status: 'acknowledged' }, '"0"'))).toEqual({ status: 403, code: 'PERMISSION_DENIED' });
    expect(outcome(await patch(dpo, { status: 'acknowledged' }))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(outcome(await patch(dpo, { status: 'acknowledged' }, '*'))).toEqual({ status: 428, code: 'PRECONDITION_REQUIRED' });
    expect(outcome(await patch(dpo, { assignee: member.id }, '"0"'))).toEqual({ status: 422, code: 'INCIDENT_ASSIGNEE_INVALID' });

    // Two staff acknowledging from the same version: exactly one change is stored.
    const racing = await Promise.all([
      patch(dpo, { status: 'acknowledged', note: 'mine' }, '"0"'),
      patch(dpo, { status: 'acknowledged' }, '"0"'),
    ]);
    expect(racing.map((r) => r.status).sort()).toEqual([200, 412]);
    const acknowledged = racing.find((r) => r.status === 200)!;
    expect(acknowledged.headers.get('etag')).toBe('"1"');

    await kit.db.collection('users').updateOne({ _id: support.id as never }, { $set: { platformRoles: ['support'] } });
    expect((await patch(dpo, { assignee: support.id }, '"1"')).body).toMatchObject({
      status: 'acknowledged',
      assignee: support.id,
      version: 2,
    });
    expect(outcome(await patch(dpo, { status: 'closed' }, '"1"'))).toEqual({ status: 412, code: 'PRECONDITION_FAILED' });
    expect((await patch(dpo, { status: 'closed' }, '"2"')).body).toMatchObject({ status: 'closed', version: 3 });
    expect(outcome(await patch(dpo, { status: 'acknowledged' }, '"3"'))).toEqual({ status: 409, code: 'INCIDENT_TRANSITION_INVALID' });

    const history = (await kit.call(getIncidentFunction, path, support)).body!.history as { seq: number; status: string }[];
    expect(history.map((h) => [h.seq, h.status])).toEqual([
      [1, 'acknowledged'],
      [2, 'acknowledged'],
      [3, 'closed'],
    ]);
    const audited = (await kit.stored('platform')).filter((e) => e.action === 'security.incident_updated' && e.target?.id === incidentId);
    expect(audited.map((e) => e.details.to)).toEqual(['acknowledged', 'acknowledged', 'closed']);
  });
});
