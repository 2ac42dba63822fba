import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  defaultDetectionSettings,
  detectionRules,
  detectionSettingsSchema,
  evaluate,
  replay,
  ruleNamed,
  type Observation,
  type ObservationKind,
} from '../../../shared/security/index.ts';
import { fromRoot } from '../../../scripts/lib/paths.ts';

const t0 = Date.parse('2026-11-17T10:00:00Z');
let n = 0;
const obs = (kind: ObservationKind, secondsAfter: number, fields: Partial<Omit<Observation, 'kind' | 'at'>> = {}): Observation => ({
  id: `sev_${(n += 1).toString().padStart(20, '0')}`,
  kind,
  at: new Date(t0 + secondsAfter * 1000),
  details: {},
  count: 1,
  ...fields,
});
const times = (count: number, make: (i: number) => Observation) => Array.from({ length: count }, (_, i) => make(i));
const fired = (observations: Observation[]) => replay(detectionRules, defaultDetectionSettings, observations).map((f) => f.rule);

/** Each rule's scenario: what must make it fire with the default thresholds. */
const scenarios: Record<string, Observation[]> = {
  failed_login_ip: times(20, (i) => obs('login_failed', i * 20, { ip: '203.0.113.9' })),
  failed_login_account: times(10, (i) => obs('login_failed', i * 60, { ip: `198.51.100.${i}`, userId: 'usr_victim00000000000000' })),
  credential_stuffing: times(5, (i) =>
    obs('login_failed', i * 30, { ip: '203.0.113.50', userId: `usr_account${i}00000000000000`.slice(0, 24) }),
  ),
  refresh_token_reuse: times(2, (i) =>
    obs('refresh_token_reused', i * 3600, { userId: 'usr_reuse000000000000000', details: { sessionId: `ses_${i}` } }),
  ),
  webhook_signature_failures: times(5, (i) =>
    obs('webhook_signature_invalid', i * 60, { ip: '192.0.2.77', details: { reason: 'signature_mismatch' } }),
  ),
  permission_denied_burst: times(30, (i) => obs('permission_denied', i * 10, { ip: '192.0.2.8', userId: 'usr_prober00000000000000' })),
  rate_limit_abuse: times(10, (i) => obs('rate_limited', i * 300, { ip: '192.0.2.99', details: { limit: 'api' } })),
  api_key_new_network: [
    obs('api_key_new_network', 0, { ip: '192.0.2.1', details: { keyId: 'apk_k', network: '192.0.2.0/24', knownNetworks: 1 } }),
  ],
  // Germany, then the United States twenty minutes later (the detection function adds each sign-in's country).
  impossible_travel: [
    obs('signed_in', 0, { ip: '194.25.134.1', userId: 'usr_traveller000000000000', details: { country: 'DE' } }),
    obs('signed_in', 1200, { ip: '8.8.8.8', userId: 'usr_traveller000000000000', details: { country: 'US' } }),
  ],
  mass_deletion: times(25, (i) => obs('flow_deleted', i * 10, { userId: 'usr_deleter0000000000000', workspaceId: 'wsp_w' })),
  // A script draining a workspace with a member's API key: forty flow exports in under seven minutes.
  mass_export: times(40, (i) =>
    obs('data_exported', i * 10, {
      ip: '192.0.2.60',
      userId: 'usr_drainer0000000000000',
      details: { reason: 'flow_export', keyId: 'apk_d' },
    }),
  ),
};

describe('the detection rules', () => {
  it('should have a scenario for every rule', () => {
    expect(Object.keys(scenarios).sort()).toEqual(detectionRules.map((r) => r.name).sort());
  });

  it.each(Object.entries(scenarios))('%s should fire on its scenario, once per window slot', (rule, observations) => {
    expect(fired(observations).filter((name) => name === rule)).toEqual([rule]);
  });

  it.each(Object.entries(scenarios).filter(([rule]) => ruleNamed(rule as never).threshold(defaultDetectionSettings) > 1))(
    '%s should stay silent one short of its threshold',
    (rule, observations) => {
      const short =
        ruleNamed(rule as never).measure === 'distinct'
          ? observations.filter((o) => o.userId !== observations.at(-1)!.userId)
          : observations.slice(0, -1);
      expect(fired(short)).not.toContain(rule);
    },
  );

  it('should stay silent when the same number is spread wider than the window', () => {
    const slow = times(20, (i) => obs('login_failed', i * 120, { ip: '203.0.113.10' }));
    expect(fired(slow)).not.toContain('failed_login_ip');
  });

  it('should let an account sign in from another country once the window has passed, or again from the same one', () => {
    const user = 'usr_commuter0000000000000';
    expect(
      fired([
        obs('signed_in', 0, { userId: user, details: { country: 'DE' } }),
        obs('signed_in', 600, { userId: user, details: { country: 'DE' } }),
        obs('signed_in', 4 * 3600, { userId: user, details: { country: 'US' } }),
        obs('signed_in', 4 * 3600 + 60, { userId: user }), // an address with no country counts nowhere
      ]),
    ).toEqual([]);
  });

  it('should count an aggregated refusal as the refusals it stands for', () => {
    const aggregated = [obs('permission_denied', 0, { ip: '192.0.2.30', count: 29 }), obs('permission_denied', 5, { ip: '192.0.2.30' })];
    expect(fired(aggregated)).toContain('permission_denied_burst');
  });

  it('should not count a key’s first network as new', () => {
    const first = obs('api_key_new_network', 0, { details: { keyId: 'apk_new', network: '192.0.2.0/24', knownNetworks: 0 } });
    expect(fired([first])).toEqual([]);
  });

  it('should count distinct accounts, not attempts, for credential stuffing', () => {
    const oneAccount = times(12, (i) => obs('login_failed', i * 20, { ip: '203.0.113.51', userId: 'usr_same0000000000000000' }));
    expect(fired(oneAccount)).not.toContain('credential_stuffing');
  });

  it('should read its thresholds from the environment', () => {
    const strict = detectionSettingsSchema.parse({ SECURITY_FAILED_LOGIN_IP_MAX: '3' });
    const three = times(3, (i) => obs('login_failed', i, { ip: '203.0.113.70' }));
    const rule = ruleNamed('failed_login_ip');
    const signals = three.map((o) => ({ ...rule.signal(o)!, at: o.at }));
    expect(evaluate(rule, strict, signals[0]!.subject, three[2]!.at, signals)?.value).toBe(3);
    expect(evaluate(rule, defaultDetectionSettings, signals[0]!.subject, three[2]!.at, signals)).toBeNull();
  });
});

describe('a normal day', () => {
  interface Recorded {
    source: 'security' | 'flow_deleted';
    id: string;
    type?: ObservationKind;
    at: string;
    userId?: string;
    ip?: string;
    workspaceId?: string;
    details?: Record<string, string | number>;
  }
  const { events } = JSON.parse(readFileSync(fromRoot('tests/fixtures/security/normal-day.json'), 'utf8')) as { events: Recorded[] };
  const observations = events.map((e): Observation => ({
    id: e.id,
    kind: e.source === 'flow_deleted' ? 'flow_deleted' : e.type!,
    at: new Date(e.at),
    userId: e.userId,
    ip: e.ip,
    workspaceId: e.workspaceId,
    details: e.details ?? {},
    count: 1,
  }));

  it('should be a full day of varied traffic', () => {
    expect(observations.length).toBeGreaterThan(500);
    expect(new Set(observations.map((o) => o.kind)).size).toBeGreaterThanOrEqual(9);
  });

  it('should raise no alert', () => {
    expect(replay(detectionRules, defaultDetectionSettings, observations)).toEqual([]);
  });
});
