import type { AccessTokens } from '../../identity/access-token.ts';
import { isApiKey, isApiKeyUsable } from '../../identity/api-keys.ts';
import { DomainError, isDomainError } from '../../kernel/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import type { AuthContext, AuthenticationRequest, Authenticator } from '../../platform/http/auth-context.ts';
import { platformRolesOf, type CredentialScheme } from '../../platform/definition/access.ts';
import { defineResource } from '../../platform/resource.ts';
import { networkOf, type SecurityEvents } from '../../security/index.ts';
import { rolePermissions, type WorkspaceRole } from '../../workspaces/index.ts';
import { accessTokens } from '../jose/access-tokens.ts';
import { createApiKeyStore, type ApiKeyStore } from '../mongodb/api-key-store.ts';
import { findRole } from '../mongodb/membership-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { securityEvents } from '../mongodb/security-events-resource.ts';
import { functionCalls, withCallLog } from '../privacy/function-calls-resource.ts';
import { createSessionStore } from '../mongodb/session-store.ts';
import { createStaffStore } from '../mongodb/staff-store.ts';
import { auditLog } from '../audit/audit-log-resource.ts';
import { checkImpersonation, checkPlatform, isImpersonation, type StaffPorts } from './staff-checks.ts';
import { rateLimiter } from '../upstash/rate-limiter-resource.ts';

const bearer = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;
/**
 * Roughly what `newSecret('uxf')` makes (`uxf_` and 43 base64url characters), with room for a
 * future format: anything shorter or stranger cannot be one of our keys.
 */
const wellFormedApiKey = /^uxf_[A-Za-z0-9_-]{32,64}$/;

const unauthenticated = (code: string, detail: string) => new DomainError('unauthenticated', code, { detail });
// Another tenant's workspace and a missing one look the same: 404, never 403.
const workspaceNotFound = () => new DomainError('not_found', 'WORKSPACE_NOT_FOUND', { detail: 'No such workspace.' });
const denied = (detail: string, permission: string) =>
  new DomainError('forbidden', 'PERMISSION_DENIED', { detail, extensions: { permission } });

export interface AuthenticatorPorts {
  tokens: AccessTokens;
  findRole: (workspaceId: string, userId: string) => Promise<WorkspaceRole | null>;
  apiKeys: Pick<ApiKeyStore, 'findByKey' | 'recordUse'> & Partial<Pick<ApiKeyStore, 'recordNetwork'>>;
  /** Logout, logout-all, a password reset or a reused refresh token revoke a session: its tokens stop at once. */
  isSessionRevoked: (sessionId: string) => Promise<boolean>;
  now: () => Date;
  /** Records permission denials and API-key misuse (best effort: must not throw). */
  securityEvents?: SecurityEvents;
  /** Platform roles (2FA enforced) and impersonation; without them, staff endpoints and impersonation tokens are refused. */
  staff?: Omit<StaffPorts, 'now'>;
}

// Refusals worth a security event. An expired or malformed JWT is not: clients meet it daily.
const reasonsForEvents = new Set([
  'PERMISSION_DENIED',
  'WORKSPACE_NOT_FOUND',
  'INVALID_API_KEY',
  'API_KEY_NOT_ACCEPTED',
  'STAFF_2FA_REQUIRED',
  'IMPERSONATION_READ_ONLY',
  'IMPERSONATION_NOT_ALLOWED',
]);

/** What the checks learnt about the caller before refusing, for the security event. */
interface Seen {
  userId?: string;
  keyId?: string;
}

/** Records a refusal: `api_key_misuse` for anything done with a key, else `permission_denied`. */
const recordRefusal = async (ports: AuthenticatorPorts, error: unknown, request: AuthenticationRequest, withKey: boolean, seen: Seen) => {
  if (!ports.securityEvents || !isDomainError(error) || !reasonsForEvents.has(error.code)) return;
  const permission = 'permission' in request.access ? request.access.permission : platformRolesOf(request.access.role).join('|');
  await ports.securityEvents.record({
    type: withKey ? 'api_key_misuse' : 'permission_denied',
    at: ports.now(),
    ...(seen.userId ? { userId: seen.userId } : {}),
    ...(request.ip ? { ip: request.ip } : {}),
    ...(request.workspaceId ? { workspaceId: request.workspaceId } : {}),
    details: { reason: error.code, permission, method: request.method, path: request.path, ...(seen.keyId ? { keyId: seen.keyId } : {}) },
    // A client can repeat a refusal at will: identical ones of a minute are one stored event with a count.
    aggregate: true,
  });
};

const withJwt = async (ports: AuthenticatorPorts, token: string, request: AuthenticationRequest, seen: Seen = {}): Promise<AuthContext> => {
  const { workspaceId, access } = request;
  const claims = await ports.tokens.verify(token);
  seen.userId = claims.userId;
  const staff = ports.staff && { ...ports.staff, now: ports.now };
  const impersonating = isImpersonation(claims.sessionId);
  if ((impersonating || access.type === 'platform') && !staff)
    throw denied('Staff decisions are not configured for this authenticator.', 'platform');
  const needsRole = access.type === 'authenticated' && access.permission !== 'self' && workspaceId !== undefined;
  // Both reads at once: they are independent, and this runs on every authenticated request.
  const [isRevoked, role] = await Promise.all([
    ports.isSessionRevoked(claims.sessionId),
    needsRole ? ports.findRole(workspaceId, claims.userId) : Promise.resolve(null),
  ]);
  if (isRevoked) throw unauthenticated('SESSION_REVOKED', 'This session has ended; sign in again.');
  // An impersonation acts as the user with no platform role, whatever its token says.
  const impersonation = impersonating && staff ? await checkImpersonation(staff, claims, request) : undefined;
  const auth: AuthContext = impersonation ? { via: 'jwt', ...claims, platformRoles: [], impersonation } : { via: 'jwt', ...claims };
  if (access.type === 'platform' && staff) return { ...auth, platformRoles: await checkPlatform(staff, claims, access.role) };
  if (!needsRole || access.permission === 'self' || workspaceId === undefined) return auth;
  if (!role) throw workspaceNotFound();
  if (!rolePermissions[role].has(access.permission)) throw denied(`Your role (${role}) lacks ${access.permission}.`, access.permission);
  return { ...auth, workspace: { id: workspaceId, role, permissions: rolePermissions[role] } };
};

// The (key, network) pairs this instance has already noted: a busy key costs one insert per
// network and instance, not one per request. Bounded: cleared when full.
const notedNetworks = new Set<string>();
const notedNetworksMax = 10_000;

/** Records `api_key_new_network` when a key is used from a network it was not used from before. */
const noteNetwork = async (
  ports: AuthenticatorPorts,
  record: { id: string; workspaceId: string; createdBy: string },
  ip: string | undefined,
  now: Date,
) => {
  const network = ip ? networkOf(ip) : null;
  if (!ip || !network || !ports.apiKeys.recordNetwork || notedNetworks.has(`${record.id}|${network}`)) return;
  if (notedNetworks.size >= notedNetworksMax) notedNetworks.clear();
  notedNetworks.add(`${record.id}|${network}`);
  // Best effort: a store failure must not refuse a valid key (the pair is noted again next time).
  const isNew = await ports.apiKeys.recordNetwork(record.id, record.workspaceId, network, now).catch(() => {
    notedNetworks.delete(`${record.id}|${network}`);
    return null;
  });
  if (!isNew || !ports.securityEvents) return;
  await ports.securityEvents.record({
    type: 'api_key_new_network',
    at: now,
    userId: record.createdBy,
    workspaceId: record.workspaceId,
    ip,
    details: { keyId: record.id, network, knownNetworks: isNew.knownNetworks },
  });
};

const withApiKey = async (
  ports: AuthenticatorPorts,
  key: string,
  { workspaceId, access, method, path, ip }: AuthenticationRequest,
  seen: Seen = {},
): Promise<AuthContext> => {
  if (access.type !== 'authenticated' || access.permission === 'self' || !access.credentials.includes('apiKey')) {
    throw unauthenticated('API_KEY_NOT_ACCEPTED', 'This endpoint does not accept API keys.');
  }
  // Not the shape of any key we issue: refused without a lookup (still counted and recorded).
  if (!wellFormedApiKey.test(key)) throw unauthenticated('INVALID_API_KEY', 'The API key is not valid.');
  const record = await ports.apiKeys.findByKey(key);
  const now = ports.now();
  if (record) Object.assign(seen, { userId: record.createdBy, keyId: record.id });
  if (!record || !isApiKeyUsable(record, now)) throw unauthenticated('INVALID_API_KEY', 'The API key is not valid.');
  if (workspaceId !== undefined && workspaceId !== record.workspaceId) throw workspaceNotFound();
  // A key acts for its creator: it stops when they leave (or the workspace is deleted) and never
  // grants more than their current role.
  const creatorRole = await ports.findRole(record.workspaceId, record.createdBy);
  if (!creatorRole) throw unauthenticated('INVALID_API_KEY', 'The API key is not valid.');
  const permissions = new Set(record.permissions.filter((p) => rolePermissions[creatorRole].has(p)));
  if (!permissions.has(access.permission)) throw denied(`The API key lacks ${access.permission}.`, access.permission);
  await ports.apiKeys.recordUse(record.id, { at: now, method, path });
  await noteNetwork(ports, record, ip, now);
  return {
    via: 'apiKey',
    userId: record.createdBy,
    sessionId: record.id,
    platformRoles: [],
    workspace: { id: record.workspaceId, role: null, permissions },
  };
};

/**
 * Bearer access tokens (JWT) checked against the role matrix, and workspace API keys (`uxf_…`)
 * checked against their own permissions. For a workspace permission on a route without
 * `{workspaceId}` (a resource addressed by its own id), the caller is authenticated here and the
 * domain service checks the resource's workspace.
 */
export const createJwtAuthenticator = (ports: AuthenticatorPorts): Authenticator => ({
  authenticate: async (request) => {
    const token = bearer.exec(request.authorization ?? '')?.[1];
    if (!token) throw unauthenticated('UNAUTHENTICATED', 'Send an access token or API key: Authorization: Bearer <token>.');
    const withKey = isApiKey(token);
    const seen: Seen = {};
    try {
      return await (withKey ? withApiKey(ports, token, request, seen) : withJwt(ports, token, request, seen));
    } catch (error) {
      await recordRefusal(ports, error, request, withKey, seen);
      throw error;
    }
  },
});

export const jwtAuthenticator = defineResource({
  name: 'jwt-authenticator',
  config: defineConfig({ name: 'jwt-authenticator', shape: {}, devDefaults: {} }),
  requires: [accessTokens, mongo, securityEvents, functionCalls, auditLog],
  create: (_config, { use, functionName }) => {
    const sessions = createSessionStore(use(mongo).db);
    // Every call let through is noted for breach assessments (who called which function when).
    return withCallLog(
      createJwtAuthenticator({
        tokens: use(accessTokens),
        findRole: (workspaceId, userId) => findRole(use(mongo).db, workspaceId, userId),
        apiKeys: createApiKeyStore(use(mongo).db),
        isSessionRevoked: sessions.isRevoked,
        now: () => new Date(),
        securityEvents: use(securityEvents),
        // The audit log is created on the first staff or impersonation request only.
        staff: {
          findSession: sessions.findById,
          staff: createStaffStore(use(mongo).db),
          audit: { record: (entry) => use(auditLog).record(entry) },
        },
      }),
      use(functionCalls),
      functionName,
    );
  },
});

// Both schemes count refusals per client address with the request pipeline's rate limiter.

/** User access tokens only: for browser actions (paying, managing keys, one's own account). */
export const jwt = { authenticator: jwtAuthenticator, limiter: rateLimiter, credentials: ['jwt'] } as const satisfies CredentialScheme;

/** User access tokens or workspace API keys (scripts and integrations). */
export const jwtOrApiKey = {
  authenticator: jwtAuthenticator,
  limiter: rateLimiter,
  credentials: ['jwt', 'apiKey'],
} as const satisfies CredentialScheme;
