import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServices } from '../../../scripts/services/index.ts';
import { jwtAuthenticator } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { apiKeys } from '../../../shared/infra/identity/api-keys-resource.ts';
import { mailer } from '../../../shared/infra/mail/smtp-mailer.ts';
import { membershipCollection, membershipId } from '../../../shared/infra/mongodb/membership-store.ts';
import { mongo } from '../../../shared/infra/mongodb/mongo-resource.ts';
import { createSecretSource } from '../../../shared/infra/secrets/secret-source.ts';
import { loadStripe } from '../../../shared/infra/stripe/stripe-sdk.ts';
import { createStripeWebhookVerifier } from '../../../shared/infra/stripe/webhook-verifier.ts';
import { isDomainError } from '../../../shared/kernel/index.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { authTestEnv } from '../../support/auth-test-env.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

let runtime: Runtime;
let services: Record<string, string>;
let dir: string;
beforeAll(async () => {
  services = await ensureServices({ only: ['mongodb', 'mail'] });
  runtime = createRuntime({ name: 'identity-rotation-it', uses: [jwtAuthenticator, apiKeys] }, authTestEnv(services, 'it_secret_rotation'));
  await runtime.use(mongo).db.dropDatabase();
  dir = await mkdtemp(join(tmpdir(), 'uxf-secrets-'));
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtime.use(mongo).db.dropDatabase();
  await runtime.close();
  await rm(dir, { recursive: true, force: true });
});

/** Swaps a mounted secret file the way kubelet does: a new file renamed over the old one. */
const mount = async (file: string, value: string) => {
  await writeFile(`${file}.next`, value);
  await rename(`${file}.next`, file);
};
/** `rounds` waves of `concurrency` requests; `between(round)` runs between waves (the rotation steps). */
const underTraffic = async (
  rounds: number,
  concurrency: number,
  request: () => Promise<unknown>,
  between: (round: number) => Promise<void>,
) => {
  let failed = 0;
  let done = 0;
  for (let round = 0; round < rounds; round += 1) {
    const wave = Array.from({ length: concurrency }, () =>
      request().then(
        () => (done += 1),
        () => (failed += 1),
      ),
    );
    // The step runs while the wave is in flight.
    await Promise.all([...wave, between(round)]);
  }
  return { failed, done };
};

describe('rotating secrets under traffic', () => {
  it('should verify every Stripe delivery while the webhook secret rotates through its overlap', async () => {
    const Stripe = await loadStripe();
    const file = join(dir, 'stripe-webhook-secret');
    const [oldSecret, newSecret] = ['whsec_old_rotation_secret', 'whsec_new_rotation_secret'];
    await mount(file, oldSecret);
    const verifier = createStripeWebhookVerifier(createSecretSource({ value: undefined, file, checkMs: 0 }));
    let signingSecret = oldSecret;
    const payload = JSON.stringify({ id: 'evt_rotation', object: 'event', type: 'ping' });
    const deliver = () =>
      verifier.verify(new TextEncoder().encode(payload), Stripe.webhooks.generateTestHeaderString({ payload, secret: signingSecret }));
    const steps = [
      () => mount(file, `${newSecret},${oldSecret}`), // 1. we accept both
      async () => {
        signingSecret = newSecret; // 2. the sender switches
      },
      () => mount(file, newSecret), // 3. the old one goes
      async () => undefined,
    ];
    const { failed, done } = await underTraffic(steps.length, 50, deliver, (round) => steps[round]!());
    expect({ failed, done }).toEqual({ failed: 0, done: 200 });
    signingSecret = oldSecret;
    await expect(deliver()).rejects.toThrow();
  });

  it('should keep every request of an API key client working while the key rotates, and let one rotation win', async () => {
    const db = runtime.use(mongo).db;
    await db.collection(membershipCollection.name).insertOne({
      _id: membershipId('wsp_rot', 'usr_owner') as never,
      schemaVersion: 1,
      workspaceId: 'wsp_rot',
      userId: 'usr_owner',
      role: 'owner',
      joinedAt: new Date(),
    });
    const owner = { userId: 'usr_owner', role: 'owner' as const };
    const { record, key } = await runtime
      .use(apiKeys)
      .create('wsp_rot', owner, { name: 'ci', permissions: ['flows:read'], expiresAt: null });
    let clientKey = key;
    const call = () =>
      runtime.use(jwtAuthenticator).authenticate({
        authorization: `Bearer ${clientKey}`,
        method: 'GET',
        path: '/v1/workspaces/{workspaceId}/flows',
        workspaceId: 'wsp_rot',
        access: { type: 'authenticated', credentials: ['jwt', 'apiKey'], permission: 'flows:read' },
      });
    let rotatedKey = '';
    const outcomes: string[] = [];
    const steps = [
      async () => {
        // Five operators rotate at once: one wins, the others are told it was rotated already.
        const attempts = await Promise.all(
          Array.from({ length: 5 }, () =>
            runtime
              .use(apiKeys)
              .rotate('wsp_rot', record.id, owner, 60)
              .then(
                (rotated) => ((rotatedKey = rotated.key), 'rotated'),
                (error: unknown) => (isDomainError(error) ? error.code : String(error)),
              ),
          ),
        );
        outcomes.push(...attempts);
      },
      async () => {
        clientKey = rotatedKey; // the client deploys the new key
      },
      async () => undefined,
    ];
    const { failed, done } = await underTraffic(steps.length, 30, call, (round) => steps[round]!());
    expect({ failed, done }).toEqual({ failed: 0, done: 90 });
    expect(outcomes.sort()).toEqual([
      'API_KEY_ALREADY_ROTATED',
      'API_KEY_ALREADY_ROTATED',
      'API_KEY_ALREADY_ROTATED',
      'API_KEY_ALREADY_ROTATED',
      'rotated',
    ]);
    // The losers left no key behind; the old key stops at the end of the overlap.
    const keys = await runtime.use(apiKeys).list('wsp_rot');
    expect(keys).toHaveLength(2);
    const old = keys.find((k) => k.id === record.id)!;
    expect(old.expiresAt!.getTime() - Date.now()).toBeGreaterThan(55 * 60_000);
    expect(await db.collection('audit_log').countDocuments({ action: 'apikey.rotated', 'target.id': record.id })).toBe(1);
  });

  it('should send every mail while the SMTP credentials in the mounted file change', async () => {
    const file = join(dir, 'smtp-url');
    const sink = services.SMTP_URL ?? 'smtp://127.0.0.1:2525';
    await mount(file, sink);
    const mails = createRuntime(
      { name: 'identity-rotation-mail', uses: [mailer] },
      {
        ...authTestEnv(services, 'it_secret_rotation'),
        SMTP_URL: 'smtp://unused.invalid:25',
        SMTP_URL_FILE: file,
        MAIL_FROM: 'UX Flow Engine <no-reply@uxflow.dev>',
      },
    );
    const send = () => mails.use(mailer).send({ to: 'rotation@example.com', subject: 'rotation', text: 'x' });
    // The same sink under another name stands for new credentials (the local sink takes any).
    const rotated = sink.replace('127.0.0.1', 'localhost');
    const { failed, done } = await underTraffic(2, 10, send, (round) => (round === 0 ? mount(file, rotated) : Promise.resolve()));
    expect({ failed, done }).toEqual({ failed: 0, done: 20 });
    await mails.close();
  });
});
