/**
 * Writes tests/fixtures/security/normal-day.json: a day of the security events (and flow deletions)
 * a healthy deployment of a few hundred active users records — mistyped passwords, second-factor
 * typos, a reused refresh token from a flaky mobile client that retried, UI calls a role may not
 * make, clients brushing a rate limit, one office behind a NAT, a webhook secret rotated with one
 * delivery in the overlap refused, first uses of new API keys, ordinary flow clean-ups, sign-ins and
 * logouts, and exports (a handover of thirty flows, an audit chain archived page by page). The
 * detection rules must stay silent on it (tests/unit/security/detection.test.ts).
 *
 *   node scripts/run.mjs scripts/security/normal-day.ts
 *
 * Seeded: the same file every run.
 */
import { writeFileSync } from 'node:fs';
import { fromRoot } from '../lib/paths.ts';

let seed = 20_261_206;
/** mulberry32: a small seeded PRNG, so the fixture is reproducible. */
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
const body = (n: number) => n.toString(36).padStart(20, '0').slice(-20);

const day = Date.parse('2026-11-17T00:00:00Z');
const at = (ms: number) => new Date(day + ms).toISOString();
const minute = 60_000;

interface Entry {
  source: 'security' | 'flow_deleted';
  id: string;
  type?: string;
  at: string;
  userId?: string;
  ip?: string;
  workspaceId?: string;
  details?: Record<string, string | number>;
}

const events: Entry[] = [];
let counter = 0;
const add = (entry: Omit<Entry, 'id'>) => events.push({ id: `sev_${body((counter += 1))}`, ...entry });

const users = Array.from({ length: 400 }, (_, i) => ({
  id: `usr_${body(1000 + i)}`,
  ip: `${pick([81, 84, 88, 91, 93, 185, 212])}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`,
  workspaceId: `wsp_${body(5000 + Math.floor(i / 4))}`,
}));
const office = '62.154.10.34';

for (const user of users) {
  const start = int(6 * 60, 22 * 60) * minute;
  // One user in eight mistypes the password once or twice before signing in.
  if (random() < 0.125)
    for (let k = 0; k < int(1, 2); k += 1)
      add({ source: 'security', type: 'login_failed', at: at(start + k * 20_000), ip: user.ip, userId: user.id });
  // Second-factor typos.
  if (random() < 0.05) add({ source: 'security', type: 'totp_failed', at: at(start + 40_000), userId: user.id });
  // A UI that offers an action the role lacks: a few refusals over the day.
  if (random() < 0.3)
    for (let k = 0; k < int(1, 4); k += 1)
      add({
        source: 'security',
        type: 'permission_denied',
        at: at(start + int(1, 600) * minute),
        ip: user.ip,
        userId: user.id,
        workspaceId: user.workspaceId,
        details: {
          reason: 'PERMISSION_DENIED',
          permission: 'members:write',
          method: 'PATCH',
          path: '/v1/workspaces/{workspaceId}/members/{userId}',
        },
      });
  // Flow clean-ups: a handful at a time.
  if (random() < 0.2)
    for (let k = 0; k < int(1, 6); k += 1)
      add({
        source: 'flow_deleted',
        at: at(start + int(60, 70) * minute + k * 15_000),
        userId: user.id,
        workspaceId: user.workspaceId,
        details: { flowId: `flw_${body(counter)}` },
      });
  if (random() < 0.01) add({ source: 'security', type: 'password_changed', at: at(start + 3 * minute), ip: user.ip, userId: user.id });
  if (random() < 0.005) add({ source: 'security', type: 'two_factor_enabled', at: at(start + 5 * minute), userId: user.id });
}

// An office behind one NAT address: three colleagues mistype their passwords on a Monday morning.
for (const [k, user] of users.slice(0, 3).entries())
  add({ source: 'security', type: 'login_failed', at: at(9 * 60 * minute + k * 4 * minute), ip: office, userId: user.id });
// A flaky mobile client retried one refresh: one reuse, the session revoked, the user signs in again.
add({
  source: 'security',
  type: 'refresh_token_reused',
  at: at(14 * 60 * minute),
  userId: users[42]!.id,
  details: { sessionId: `ses_${body(77)}` },
});
// Integrations brushing their limits now and then (each limit is recorded once per window).
for (let k = 0; k < 12; k += 1) {
  const user = pick(users);
  add({
    source: 'security',
    type: 'rate_limited',
    at: at(int(0, 23 * 60) * minute),
    ip: user.ip,
    userId: user.id,
    details: { limit: 'api', max: 120, functionName: 'flows-list' },
  });
}
// The Stripe webhook secret rotated: one delivery in the overlap was signed with the old secret.
add({
  source: 'security',
  type: 'webhook_signature_invalid',
  at: at(16 * 60 * minute),
  ip: '3.18.12.63',
  details: { reason: 'signature_mismatch' },
});
// New API keys' first uses (no network known before: not an alert).
for (let k = 0; k < 6; k += 1)
  add({
    source: 'security',
    type: 'api_key_new_network',
    at: at(int(8, 18) * 60 * minute),
    ip: pick(users).ip,
    details: { keyId: `apk_${body(900 + k)}`, network: '81.2.3.0/24', knownNetworks: 0 },
  });
// Someone pasted a revoked key into a script: a few refusals before they noticed.
for (let k = 0; k < 4; k += 1)
  add({
    source: 'security',
    type: 'api_key_misuse',
    at: at(11 * 60 * minute + k * minute),
    ip: users[7]!.ip,
    details: { reason: 'INVALID_API_KEY', method: 'GET', path: '/v1/workspaces/{workspaceId}/flows' },
  });

// Sign-ins, and the sessions that end by a logout (drawn after the rest, so the events above stay as they were).
for (const user of users) {
  const start = int(6 * 60, 22 * 60) * minute;
  const sessionId = `ses_${body(20_000 + counter)}`;
  add({ source: 'security', type: 'signed_in', at: at(start), ip: user.ip, userId: user.id, details: { sessionId, reason: 'password' } });
  if (random() < 0.3)
    add({
      source: 'security',
      type: 'session_ended',
      at: at(start + int(30, 120) * minute),
      ip: user.ip,
      userId: user.id,
      details: { sessionId, reason: 'logout' },
    });
}
// Exports: members download a few flows for a review; one designer hands a project over (30
// flows over twenty minutes); a few people ask for their personal data; an enterprise workspace
// archives its audit chain through an API key, page by page.
const exported = (user: (typeof users)[number], ms: number, reason: string, keyId?: string) =>
  add({
    source: 'security',
    type: 'data_exported',
    at: at(ms),
    ip: user.ip,
    userId: user.id,
    ...(reason === 'audit_export' ? { workspaceId: user.workspaceId } : {}),
    details: { reason, ...(keyId ? { keyId } : {}) },
  });
for (const user of users) {
  if (random() >= 0.15) continue;
  const start = int(8 * 60, 19 * 60) * minute;
  for (let k = 0; k < int(1, 8); k += 1) exported(user, start + k * int(20, 90) * 1000, 'flow_export');
}
for (let k = 0; k < 30; k += 1) exported(users[120]!, 15 * 60 * minute + k * 40_000, 'flow_export');
for (let k = 0; k < 3; k += 1) exported(pick(users), int(8 * 60, 20 * 60) * minute, 'privacy_export');
for (let k = 0; k < 12; k += 1) exported(users[200]!, 2 * 60 * minute + k * 5000, 'audit_export', `apk_${body(950)}`);

events.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
const file = fromRoot('tests/fixtures/security/normal-day.json');
writeFileSync(file, `${JSON.stringify({ day: at(0), generatedBy: 'scripts/security/normal-day.ts', events }, null, 2)}\n`);
console.log(`${events.length} events written to ${file}`);
