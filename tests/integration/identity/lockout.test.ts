import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodPassword, startIdentityApps, uniqueEmail } from '../../support/identity-apps.ts';
import { codeOf, nextIp, signUp } from '../../support/identity-flows.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

let apps: Awaited<ReturnType<typeof startIdentityApps>>;
beforeAll(async () => {
  apps = await startIdentityApps('it_identity_lockout');
}, servicesHookTimeoutMs);
afterAll(async () => apps.close());

const login = (email: string, password: string, ip: string) => apps.call('login', '/v1/auth/login', { body: { email, password }, ip });

/** The per-IP threshold in force (`LOGIN_LOCKOUT_IP_FAILURES`, its default in tests). */
const ipFailures = 30;

describe('identity-login: the account lockout', () => {
  it('should check at most three passwords when 20 wrong logins arrive at once', async () => {
    const user = await signUp(apps, 'parallel');
    const responses = await Promise.all(Array.from({ length: 20 }, async (_, n) => login(user.email, `wrong password ${n}`, nextIp())));
    const statuses = responses.map((response) => response.status);
    // A 401 is a password that was checked; every other answer must be the lock.
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((status) => status !== 401).every((status) => status === 429)).toBe(true);
    const locked = await login(user.email, goodPassword, nextIp());
    expect([locked.status, await codeOf(locked)]).toEqual([429, 'ACCOUNT_LOCKED']);
    expect(await apps.db.collection('security_events').countDocuments({ type: 'login_failed', userId: user.userId })).toBeLessThanOrEqual(
      3,
    );
  });

  it('should let a right password through while another login of the account is in flight', async () => {
    const user = await signUp(apps, 'together');
    const [first, second] = await Promise.all([login(user.email, goodPassword, nextIp()), login(user.email, goodPassword, nextIp())]);
    expect([first.status, second.status]).toEqual([200, 200]);
  });
});

describe('identity-login: the address lockout', () => {
  it('should not lock an address when three people behind it mistype their password', async () => {
    const ip = nextIp();
    const people = await Promise.all([signUp(apps, 'office1'), signUp(apps, 'office2'), signUp(apps, 'office3')]);
    for (const person of people) expect((await login(person.email, 'a typo in it', ip)).status).toBe(401);
    const colleague = await signUp(apps, 'office4');
    expect((await login(colleague.email, goodPassword, ip)).status).toBe(200);
    for (const person of people) expect((await login(person.email, goodPassword, ip)).status).toBe(200);
  });

  it('should lock an address that fails across many accounts, and only that address', async () => {
    const ip = nextIp();
    for (let batch = 0; batch < ipFailures / 10; batch += 1) {
      const tries = Array.from({ length: 10 }, async () => login(uniqueEmail('stuffed'), 'leaked password 1', ip));
      expect((await Promise.all(tries)).map((response) => response.status)).toEqual(Array(10).fill(401));
    }
    const victim = await signUp(apps, 'victim');
    const locked = await login(victim.email, goodPassword, ip);
    expect([locked.status, await codeOf(locked)]).toEqual([429, 'ACCOUNT_LOCKED']);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(55 * 60);
    expect(retryAfter).toBeLessThanOrEqual(60 * 60);
    expect((await login(victim.email, goodPassword, nextIp())).status).toBe(200);
  });
});
