import { URI, type TOTP } from 'otpauth';
import type { AuditEntry } from '../../../shared/audit/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodPassword, startIdentityApps } from '../../support/identity-apps.ts';
// After the apps: they load the OpenAPI extension of zod the schemas the CLI imports need.
import { changeRole } from '../../../scripts/staff/index.ts';
import { bearer, codeOf, logIn, signUp, type SignedUp } from '../../support/identity-flows.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { auditLog } from '../../../shared/infra/audit/audit-log-resource.ts';
import { createJwtAuthenticator } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { accessTokens } from '../../../shared/infra/jose/access-tokens.ts';
import { createApiKeyStore } from '../../../shared/infra/mongodb/api-key-store.ts';
import { findRole } from '../../../shared/infra/mongodb/membership-store.ts';
import { mongo } from '../../../shared/infra/mongodb/mongo-resource.ts';
import { createSessionStore } from '../../../shared/infra/mongodb/session-store.ts';
import { createStaffStore } from '../../../shared/infra/mongodb/staff-store.ts';
import { isDomainError } from '../../../shared/kernel/index.ts';
import type { AuthenticationRequest } from '../../../shared/platform/http/auth-context.ts';
import { createRuntime } from '../../../shared/platform/runtime.ts';

let apps: Awaited<ReturnType<typeof startIdentityApps>>;
beforeAll(async () => {
  apps = await startIdentityApps('it_identity_staff');
}, servicesHookTimeoutMs);
afterAll(async () => apps.close());

const codeAt = (totp: TOTP, steps = 0) => totp.generate({ timestamp: Date.now() + steps * 30_000 });

/** Turns 2FA on for an account; its authenticator. */
const turnOnTwoFactor = async (user: SignedUp) => {
  const setup = await apps.call('setupTwoFactor', '/v1/auth/2fa/setup', { headers: bearer(user.accessToken) });
  const totp = URI.parse(((await setup.json()) as { otpauthUrl: string }).otpauthUrl) as TOTP;
  const enabled = await apps.call('enableTwoFactor', '/v1/auth/2fa/enable', {
    headers: bearer(user.accessToken),
    body: { code: codeAt(totp), password: goodPassword },
  });
  expect(enabled.status).toBe(200);
  return totp;
};
const accessTokenOf = async (response: Response) => ((await response.json()) as { accessToken: string }).accessToken;
const startImpersonation = (token: string, body: unknown) =>
  apps.call('startImpersonation', '/v1/admin/impersonations', { headers: bearer(token), body });

describe('platform roles (staff)', () => {
  it('should refuse a staff account without 2FA, and a 2FA account signed in without its code', async () => {
    const target = await signUp(apps, 'target');
    const staff = await signUp(apps, 'staff');
    // The CLI refuses to make an account without 2FA staff …
    await expect(changeRole(['grant', staff.email, 'support'], apps.env, 'ops')).rejects.toThrow(/two-factor/);
    // … and a role written by other means still does not pass without a 2FA sign-in.
    await apps.db.collection('users').updateOne({ _id: staff.userId as never }, { $set: { platformRoles: ['support'] } });
    const without = await startImpersonation(staff.accessToken, { userId: target.userId, reason: 'ticket 1234: flows missing' });
    expect([without.status, await codeOf(without)]).toEqual([403, 'STAFF_2FA_REQUIRED']);

    const totp = await turnOnTwoFactor(staff);
    // 2FA on now, but this session was started with the password alone.
    const stale = await startImpersonation(staff.accessToken, { userId: target.userId, reason: 'ticket 1234: flows missing' });
    expect([stale.status, await codeOf(stale)]).toEqual([403, 'STAFF_2FA_REQUIRED']);

    const staffToken = await accessTokenOf(await logIn(apps, staff.email, { totp: codeAt(totp, 1) }));
    const started = await startImpersonation(staffToken, { userId: target.userId, reason: 'ticket 1234: flows missing' });
    expect(started.status).toBe(201);

    // Revoking the role counts at the next request, whatever the token says.
    expect(await changeRole(['revoke', staff.email, 'support'], apps.env, 'ops')).toMatch(/^revoked support/);
    const revoked = await startImpersonation(staffToken, { userId: target.userId, reason: 'ticket 1234: flows missing' });
    expect([revoked.status, await codeOf(revoked)]).toEqual([403, 'PERMISSION_DENIED']);
    expect(await changeRole(['grant', staff.email, 'support'], apps.env, 'ops')).toMatch(/^granted support/);
    expect((await startImpersonation(staffToken, { userId: target.userId, reason: 'ticket 1234: flows missing' })).status).toBe(201);

    const roleEntries = await apps.db
      .collection<AuditEntry>('audit_log')
      .find({ action: { $in: ['staff.role_granted', 'staff.role_revoked'] }, 'target.id': staff.userId })
      .sort({ seq: 1 })
      .toArray();
    expect(roleEntries.map((e) => [e.action, e.details.role, e.details.operator])).toEqual([
      ['staff.role_revoked', 'support', 'ops'],
      ['staff.role_granted', 'support', 'ops'],
    ]);
  });

  it('should refuse a CLI call with an unknown role or account', async () => {
    await expect(changeRole(['grant', 'nobody@example.com', 'root'], apps.env)).rejects.toThrow(/usage/);
    await expect(changeRole(['grant', 'nobody@example.com', 'admin'], apps.env)).rejects.toThrow(/no account/);
  });
});

describe('support impersonation', () => {
  /** A support account signed in with 2FA, and its access token. */
  const supportStaff = async () => {
    const staff = await signUp(apps, 'support');
    const totp = await turnOnTwoFactor(staff);
    await changeRole(['grant', staff.email, 'support'], apps.env, 'ops');
    return { ...staff, token: await accessTokenOf(await logIn(apps, staff.email, { totp: codeAt(totp, 1) })) };
  };
  const requestEntries = (impersonationId: string) =>
    apps.db
      .collection<AuditEntry>('audit_log')
      .find({ action: 'staff.impersonation_request', 'details.impersonationId': impersonationId })
      .sort({ seq: 1 })
      .toArray();

  it('should act read-only as the user, be visible to them, audit every request and end on DELETE', async () => {
    const staff = await supportStaff();
    const user = await signUp(apps, 'customer');
    const tooLong = await startImpersonation(staff.token, { userId: user.userId, reason: 'ticket 77: cannot export', minutes: 31 });
    expect([tooLong.status, await codeOf(tooLong)]).toEqual([400, 'VALIDATION_FAILED']);
    const started = await startImpersonation(staff.token, { userId: user.userId, reason: 'ticket 77: cannot export', minutes: 20 });
    expect(started.status).toBe(201);
    const { id, accessToken } = (await started.json()) as { id: string; accessToken: string };

    // Reads as the user; writes refused, the write grant too (only the user may give it).
    const asUser = await apps.call('me', '/v1/me', { method: 'GET', headers: bearer(accessToken) });
    expect([asUser.status, ((await asUser.json()) as { id: string }).id]).toEqual([200, user.userId]);
    const rename = await apps.call('updateMe', '/v1/me', { method: 'PATCH', headers: bearer(accessToken), body: { name: 'Eve' } });
    expect([rename.status, await codeOf(rename)]).toEqual([403, 'IMPERSONATION_READ_ONLY']);
    const selfGrant = await apps.call('grantImpersonationWrite', `/v1/me/impersonations/${id}/write-grant`, {
      headers: bearer(accessToken),
    });
    expect([selfGrant.status, await codeOf(selfGrant)]).toEqual([403, 'IMPERSONATION_READ_ONLY']);

    // The user sees it: a banner on their account, an entry in their sessions.
    const me = (await (await apps.call('me', '/v1/me', { method: 'GET', headers: bearer(user.accessToken) })).json()) as {
      impersonation: { id: string; reason: string; writable: boolean } | null;
    };
    expect(me.impersonation).toMatchObject({ id, reason: 'ticket 77: cannot export', writable: false });
    const sessions = (await (
      await apps.call('listSessions', '/v1/me/sessions', { method: 'GET', headers: bearer(user.accessToken) })
    ).json()) as { items: { id: string; impersonation: { reason: string } | null }[] };
    expect(sessions.items.find((s) => s.id === id)?.impersonation).toEqual({ reason: 'ticket 77: cannot export' });
    // The user lets it write: the banner says so; their account settings stay out of reach.
    const grant = await apps.call('grantImpersonationWrite', `/v1/me/impersonations/${id}/write-grant`, {
      headers: bearer(user.accessToken),
    });
    expect(grant.status).toBe(204);
    const after = (await (await apps.call('me', '/v1/me', { method: 'GET', headers: bearer(user.accessToken) })).json()) as {
      impersonation: { writable: boolean };
    };
    expect(after.impersonation.writable).toBe(true);
    const renameAgain = await apps.call('updateMe', '/v1/me', { method: 'PATCH', headers: bearer(accessToken), body: { name: 'Eve' } });
    expect([renameAgain.status, await codeOf(renameAgain)]).toEqual([403, 'IMPERSONATION_READ_ONLY']);

    // One audit entry per request made with the token, the staff member as actor, the user as target.
    const entries = await requestEntries(id);
    expect(entries.map((e) => [e.details.method, e.outcome])).toEqual([
      ['GET', 'success'],
      ['PATCH', 'denied'],
      ['POST', 'denied'],
      ['PATCH', 'denied'],
    ]);
    for (const entry of entries) {
      expect(entry.actor).toEqual({ type: 'staff', id: staff.userId, userId: user.userId });
      expect(entry.target).toEqual({ type: 'user', id: user.userId });
    }

    const ended = await apps.call('endImpersonation', `/v1/admin/impersonations/${id}`, { method: 'DELETE', headers: bearer(staff.token) });
    expect(ended.status).toBe(204);
    const gone = await apps.call('me', '/v1/me', { method: 'GET', headers: bearer(accessToken) });
    expect([gone.status, await codeOf(gone)]).toEqual([401, 'SESSION_REVOKED']);
    const again = await apps.call('endImpersonation', `/v1/admin/impersonations/${id}`, { method: 'DELETE', headers: bearer(staff.token) });
    expect([again.status, await codeOf(again)]).toEqual([404, 'IMPERSONATION_NOT_FOUND']);
    const banner = (await (await apps.call('me', '/v1/me', { method: 'GET', headers: bearer(user.accessToken) })).json()) as {
      impersonation: unknown;
    };
    expect(banner.impersonation).toBeNull();
    expect(
      await apps.db.collection('audit_log').countDocuments({ action: 'staff.impersonation_ended', 'details.impersonationId': id }),
    ).toBe(1);
  });

  it('should refuse to impersonate staff, and staff endpoints with an impersonation token', async () => {
    const staff = await supportStaff();
    const other = await supportStaff();
    const refused = await startImpersonation(staff.token, { userId: other.userId, reason: 'curiosity, not allowed' });
    expect([refused.status, await codeOf(refused)]).toEqual([403, 'IMPERSONATION_NOT_ALLOWED']);
    const user = await signUp(apps, 'customer2');
    const { accessToken } = (await (
      await startImpersonation(staff.token, { userId: user.userId, reason: 'ticket 78: a broken flow' })
    ).json()) as { accessToken: string };
    const escalate = await startImpersonation(accessToken, { userId: user.userId, reason: 'ticket 78: a broken flow' });
    expect([escalate.status, await codeOf(escalate)]).toEqual([403, 'IMPERSONATION_NOT_ALLOWED']);
  });
});

describe('an impersonation’s time box', () => {
  it('should end at its time box by the authenticator’s clock, and let writes through only where the user granted them', async () => {
    const runtime = createRuntime({ name: 'identity-staff-clock', uses: [accessTokens, mongo, auditLog] }, apps.env);
    const { db } = runtime.use(mongo);
    let now = new Date();
    const sessions = createSessionStore(db);
    const authenticator = createJwtAuthenticator({
      tokens: runtime.use(accessTokens),
      findRole: (workspaceId, userId) => findRole(db, workspaceId, userId),
      apiKeys: createApiKeyStore(db),
      isSessionRevoked: sessions.isRevoked,
      now: () => now,
      staff: { findSession: sessions.findById, staff: createStaffStore(db), audit: runtime.use(auditLog) },
    });
    const staff = await signUp(apps, 'clock-staff');
    const totp = await turnOnTwoFactor(staff);
    await changeRole(['grant', staff.email, 'support'], apps.env, 'ops');
    const staffToken = await accessTokenOf(await logIn(apps, staff.email, { totp: codeAt(totp, 1) }));
    const user = await signUp(apps, 'clock-user');
    const started = await startImpersonation(staffToken, { userId: user.userId, reason: 'ticket 79: time box', minutes: 10 });
    const body = (await started.json()) as { id: string; accessToken: string; startedAt: string; expiresAt: string };
    const { id, accessToken, expiresAt } = body;
    expect(new Date(expiresAt).getTime() - new Date(body.startedAt).getTime()).toBe(10 * 60_000);

    const request = (method: string, access: AuthenticationRequest['access']) =>
      authenticator.authenticate({ authorization: `Bearer ${accessToken}`, method, path: '/v1/test', workspaceId: undefined, access }).then(
        (auth) => (auth.impersonation?.writable ? 'writable' : 'read-only'),
        (error: unknown) => (isDomainError(error) ? error.code : String(error)),
      );
    const self = { type: 'authenticated', credentials: ['jwt'], permission: 'self' } as const;
    const workspaceApi = { type: 'authenticated', credentials: ['jwt', 'apiKey'], permission: 'flows:update' } as const;

    expect(await request('GET', self)).toBe('read-only');
    expect(await request('POST', workspaceApi)).toBe('IMPERSONATION_READ_ONLY');
    await apps.call('grantImpersonationWrite', `/v1/me/impersonations/${id}/write-grant`, { headers: bearer(user.accessToken) });
    expect(await request('POST', workspaceApi)).toBe('writable');
    // Account endpoints stay read-only whatever the grant.
    expect(await request('PATCH', self)).toBe('IMPERSONATION_READ_ONLY');

    now = new Date(new Date(expiresAt).getTime() - 1000);
    expect(await request('GET', workspaceApi)).toBe('writable');
    now = new Date(expiresAt);
    expect(await request('GET', self)).toBe('IMPERSONATION_EXPIRED');
    // The denied and the expired requests are audited too (expired ones are refused before the audit: nothing acted).
    expect(await db.collection('audit_log').countDocuments({ action: 'staff.impersonation_request', 'details.impersonationId': id })).toBe(
      5,
    );
    await runtime.close();
  });
});
