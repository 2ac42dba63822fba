import type { AuditLog } from '../../audit/index.ts';
import type { AccessTokenClaims } from '../../identity/access-token.ts';
import type { Session } from '../../identity/index.ts';
import { DomainError, type PlatformRole } from '../../kernel/index.ts';
import type { AuthenticationRequest, Impersonation } from '../../platform/http/auth-context.ts';
import { platformRolesOf } from '../../platform/definition/access.ts';
import type { StaffStore } from '../mongodb/staff-store.ts';

/** What staff decisions read: the session, the account's current roles and 2FA, the user's write grants. */
export interface StaffPorts {
  findSession: (sessionId: string) => Promise<Session | null>;
  staff: Pick<StaffStore, 'platformRoles' | 'hasSecondFactor' | 'hasWriteGrant'>;
  audit: Pick<AuditLog, 'record'>;
  now: () => Date;
}

/** Impersonation sessions have ids of their own, so only their tokens cost the extra reads. */
export const impersonationIdPrefix = 'imp_';
export const isImpersonation = (sessionId: string) => sessionId.startsWith(impersonationIdPrefix);

const forbidden = (code: string, detail: string, extensions?: Record<string, unknown>) =>
  new DomainError('forbidden', code, { detail, ...(extensions ? { extensions } : {}) });
const readOnlyMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A platform decision: the account must hold the role now (roles are read from the account, not
 * the token) and the session must have been started with a second factor the account still has.
 */
export const checkPlatform = async (ports: StaffPorts, claims: AccessTokenClaims, role: PlatformRole | readonly PlatformRole[]) => {
  const roles = platformRolesOf(role);
  const [held, session, hasSecondFactor] = await Promise.all([
    ports.staff.platformRoles(claims.userId),
    ports.findSession(claims.sessionId),
    ports.staff.hasSecondFactor(claims.userId),
  ]);
  if (!roles.some((r) => held.includes(r)) && !held.includes('admin'))
    throw forbidden('PERMISSION_DENIED', `This needs the platform role ${roles.join(' or ')}.`, { permission: roles.join('|') });
  if (session?.secondFactor !== true || !hasSecondFactor)
    throw forbidden('STAFF_2FA_REQUIRED', 'Staff endpoints need an account with two-factor authentication, signed in with its code.');
  return held;
};

/**
 * A request made with an impersonation token: inside its time box, read-only unless the user
 * granted writes (and then only on the workspace API that API keys may use too, never on account,
 * key or billing endpoints), never a staff endpoint; every request is audited, refused ones too.
 */
export const checkImpersonation = async (
  ports: StaffPorts,
  claims: AccessTokenClaims,
  { access, method, path, workspaceId }: AuthenticationRequest,
): Promise<Impersonation> => {
  const session = await ports.findSession(claims.sessionId);
  if (!session?.impersonation || session.userId !== claims.userId)
    throw new DomainError('unauthenticated', 'SESSION_REVOKED', { detail: 'This session has ended; sign in again.' });
  if ((session.expiresAt?.getTime() ?? 0) <= ports.now().getTime())
    throw new DomainError('unauthenticated', 'IMPERSONATION_EXPIRED', { detail: 'The impersonation reached its time limit.' });
  const { staffUserId } = session.impersonation;
  const isWrite = !readOnlyMethods.has(method.toUpperCase());
  const writable =
    access.type === 'authenticated' && access.credentials.includes('apiKey') && (await ports.staff.hasWriteGrant(session.id));
  const refusal =
    access.type === 'platform'
      ? forbidden('IMPERSONATION_NOT_ALLOWED', 'Staff endpoints cannot be called while impersonating.')
      : isWrite && !writable
        ? forbidden('IMPERSONATION_READ_ONLY', 'An impersonation reads only, unless the user granted it more.')
        : null;
  await ports.audit.record({
    action: 'staff.impersonation_request',
    actor: { type: 'staff', id: staffUserId, userId: claims.userId },
    target: { type: 'user', id: claims.userId },
    workspaceId: workspaceId ?? null,
    outcome: refusal ? 'denied' : 'success',
    details: { impersonationId: session.id, method: method.toUpperCase(), path },
  });
  if (refusal) throw refusal;
  return { id: session.id, staffUserId, writable };
};
