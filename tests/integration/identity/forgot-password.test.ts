import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityApps, uniqueEmail } from '../../support/identity-apps.ts';
import { mailedTokens, signUp } from '../../support/identity-flows.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { emailIndexIn } from '../../support/blind-index.ts';

/** An SMTP relay that refuses connections: nothing listens on port 9 of the loopback. */
const relayDown = { SMTP_URL: 'smtp://127.0.0.1:9' };

let apps: Awaited<ReturnType<typeof startIdentityApps>>;
let outage: Awaited<ReturnType<typeof startIdentityApps>>;
beforeAll(async () => {
  apps = await startIdentityApps('it_identity_forgot_password');
  // The same database: accounts made through `apps` exist for `outage` too.
  outage = await startIdentityApps('it_identity_forgot_password', relayDown);
}, servicesHookTimeoutMs);
afterAll(async () => Promise.all([apps.close(), outage.close()]));

const forgot = (on: typeof apps, email: string) => on.call('forgotPassword', '/v1/auth/password/forgot', { body: { email } });
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
};
/** The answer and how long it took, in milliseconds. */
const timed = async (email: string) => {
  const started = performance.now();
  const response = await forgot(apps, email);
  const ms = performance.now() - started;
  return { status: response.status, body: await response.text(), ms };
};

describe('identity-forgot-password tells nobody whether an account exists', () => {
  it('should answer known and unknown addresses alike, with medians within 5 ms over 50 tries each', async () => {
    const known = [];
    for (let n = 0; n < 50; n += 1) known.push((await signUp(apps, `known${n}`)).email);
    const unknown = Array.from({ length: 50 }, (_, n) => uniqueEmail(`unknown${n}`));
    // Warm both paths first (connections, JIT), then interleave so drift hits both alike.
    await timed(uniqueEmail('warm'));
    await timed(known[0]!);
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let n = 0; n < 50; n += 1) {
      // Alternate which goes first, so neither pays the cost of being first in a pair.
      const pair = [
        ['known', known[n]!],
        ['unknown', unknown[n]!],
      ] as const;
      for (const [kind, email] of n % 2 === 0 ? pair : [...pair].reverse()) {
        const answer = await timed(email);
        expect({ status: answer.status, body: answer.body }).toEqual({ status: 202, body: '' });
        times[kind].push(answer.ms);
      }
    }
    const [knownMedian, unknownMedian] = [median(times.known), median(times.unknown)];
    console.info(`forgot-password medians over 50 tries: known ${knownMedian.toFixed(2)} ms, unknown ${unknownMedian.toFixed(2)} ms`);
    expect(
      Math.abs(knownMedian - unknownMedian),
      `known ${knownMedian.toFixed(2)} ms, unknown ${unknownMedian.toFixed(2)} ms`,
    ).toBeLessThan(5);
  });

  it('should answer 202 for a known address while the SMTP relay is down', async () => {
    const user = await signUp(apps, 'outage');
    const [known, unknown] = [await forgot(outage, user.email), await forgot(outage, uniqueEmail('outage-nobody'))];
    expect([known.status, await known.text()]).toEqual([202, '']);
    expect([unknown.status, await unknown.text()]).toEqual([202, '']);
  });
});

describe('identity-send-password-reset-mails delivers the outbox', () => {
  const queued = () => apps.db.collection('password_reset_requests').countDocuments({});

  it('should keep requests queued while the relay is down and mail them once it is back', async () => {
    while ((await queued()) > 0) await apps.sendResetMails();
    const user = await signUp(apps, 'delivery');
    await forgot(outage, user.email);
    await forgot(outage, uniqueEmail('delivery-nobody'));
    await expect(outage.sendResetMails()).rejects.toMatchObject({ code: 'MAIL_UNAVAILABLE' });
    expect(await queued()).toBe(2);
    expect(await mailedTokens(apps, user.email, 'reset-password')).toEqual([]);
    await apps.sendResetMails();
    expect(await queued()).toBe(0);
    const [token] = await mailedTokens(apps, user.email, 'reset-password');
    expect(token).toMatch(/^pr_/);
    expect(await apps.db.collection('password_resets').countDocuments({ userId: user.userId })).toBeGreaterThanOrEqual(1);
  });

  it('should drop a request that waited more than an hour, without a mail', async () => {
    const user = await signUp(apps, 'stale');
    await forgot(apps, user.email);
    await apps.db
      .collection('password_reset_requests')
      .updateMany({ emailIndex: emailIndexIn(apps.env)(user.email) }, { $set: { requestedAt: new Date(Date.now() - 2 * 3600_000) } });
    await apps.sendResetMails();
    expect(await queued()).toBe(0);
    expect(await mailedTokens(apps, user.email, 'reset-password')).toEqual([]);
  });
});
