import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../shared/platform/config/index.ts';
import { rateLimitConfig, type RateLimitSettings } from '../../../shared/platform/rate-limit/rate-limit-config.ts';
import { clientIpOf, rulesFor, type RateLimitSubject } from '../../../shared/platform/rate-limit/rules.ts';

const settingsFor = (appEnv: string, extra: Record<string, string> = {}) =>
  loadConfig([rateLimitConfig], {
    APP_ENV: appEnv,
    RATE_LIMIT_UPGRADE_URL: 'https://app.uxflow.dev/billing',
    ...extra,
  }) as unknown as RateLimitSettings;
const production = settingsFor('production');
const development = settingsFor('development');
const subject = (over: Partial<RateLimitSubject>): RateLimitSubject => ({
  class: 'auth',
  functionName: 'identity-x',
  ip: '203.0.113.9',
  ...over,
});
const figures = (rules: ReturnType<typeof rulesFor>) =>
  rules.map((r) => ({ name: r.name, scope: r.scope, max: r.max, w: r.windowSeconds }));

describe('rate-limit rules', () => {
  it.each([
    ['identity-register', { name: 'identity-register', scope: 'ip', max: 5, w: 3600 }],
    ['identity-login', { name: 'identity-login', scope: 'ip', max: 10, w: 60 }],
    ['identity-refresh', { name: 'auth', scope: 'ip', max: 30, w: 60 }],
  ])('should apply the per-IP production limit of %s when its class is auth', (functionName, expected) => {
    expect(figures(rulesFor(subject({ functionName }), production))).toEqual([expected]);
  });

  it('should add a per-account limit keyed by a hash of the e-mail when forgot-password has an account', () => {
    const rules = rulesFor(subject({ functionName: 'identity-forgot-password', account: 'ada@example.com' }), production);
    expect(figures(rules)).toEqual([
      { name: 'auth', scope: 'ip', max: 30, w: 60 },
      { name: 'identity-forgot-password', scope: 'account', max: 3, w: 3600 },
    ]);
    expect(rules[1]!.key).toMatch(/^identity-forgot-password:account:[\w-]{22}$/);
    expect(rules[1]!.key).not.toContain('ada');
  });

  it('should raise per-IP limits a hundredfold and keep per-account ones when APP_ENV is development', () => {
    const rules = rulesFor(subject({ functionName: 'identity-forgot-password', account: 'ada@example.com' }), development);
    expect(rules.map((r) => r.max)).toEqual([3000, 3]);
    expect(rulesFor(subject({ functionName: 'identity-login' }), development)[0]!.max).toBe(1000);
    expect(rulesFor(subject({ class: 'api', workspaceId: 'wsp_1' }), development, 'pro')[0]!.max).toBe(1000);
  });

  it.each([
    ['free', 120],
    ['basic', 300],
    ['pro', 1000],
    ['enterprise', 5000],
  ] as const)('should count per workspace at %s plan figures when the class is api', (plan, max) => {
    const [rule] = rulesFor(subject({ class: 'api', workspaceId: 'wsp_1', userId: 'usr_1' }), production, plan);
    expect(rule).toEqual({ name: 'api', scope: 'workspace', key: 'api:workspace:wsp_1', max, windowSeconds: 60, plan });
  });

  it('should count per user when an api call names no workspace, and per IP when it has no caller', () => {
    expect(rulesFor(subject({ class: 'api', userId: 'usr_1' }), production)[0]).toMatchObject({ key: 'api:user:usr_1', max: 600 });
    expect(rulesFor(subject({ class: 'api' }), production)[0]).toMatchObject({ key: 'public:ip:203.0.113.9', max: 600 });
  });

  it.each(['none', 'webhook'] as const)('should apply no limit when the class is %s', (rateLimitClass) => {
    expect(rulesFor(subject({ class: rateLimitClass }), production)).toEqual([]);
  });

  it('should refuse a plan map that misses a plan', () => {
    expect(() => settingsFor('production', { RATE_LIMIT_API_PER_MINUTE: 'free:1,pro:2' })).toThrow(/RATE_LIMIT_API_PER_MINUTE/);
  });

  it.each([
    ['198.51.100.1, 203.0.113.7', '203.0.113.7'],
    ['203.0.113.7', '203.0.113.7'],
    [undefined, 'unknown'],
  ])('should take the last X-Forwarded-For hop when the header is %s', (header, ip) => {
    expect(clientIpOf(header)).toBe(ip);
  });
});
