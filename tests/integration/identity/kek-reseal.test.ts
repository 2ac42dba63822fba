import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reseal } from '../../../scripts/privacy/reseal.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { createAuditSigningKeys } from '../../../shared/infra/audit/audit-signing-keys.ts';
import { auditSealedFields, authSealedFields, resealFields } from '../../../shared/infra/crypto/kek-reseal.ts';
import { fieldSealer } from '../../../shared/infra/crypto/field-sealer.ts';
import { keyringOf, type Keyring } from '../../../shared/infra/crypto/keyring.ts';
import { seal } from '../../../shared/infra/crypto/sealed-secret.ts';
import { createAccessTokens } from '../../../shared/infra/jose/access-tokens.ts';
import { createSigningKeyStore } from '../../../shared/infra/jose/signing-key-store.ts';
import { createTwoFactorStore, twoFactorCollection } from '../../../shared/infra/mongodb/two-factor-store.ts';
import { mongo } from '../../../shared/infra/mongodb/mongo-resource.ts';
import { createKeySchedule } from '../../../shared/identity/signing-key-schedule.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { authTestEnv, testDatabase } from '../../support/auth-test-env.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

/*
 * Rotating AUTH_KEY_ENCRYPTION_KEY and AUDIT_KEY_ENCRYPTION_KEY: secrets sealed under the old key,
 * instances accepting both during the rollout, two re-seal runs racing while tokens are signed and
 * verified, legacy 2FA secrets opened and audit checkpoints signed; then the old key goes.
 */
let runtime: Runtime;
let env: Record<string, string>;
beforeAll(async () => {
  const services = await ensureServices({ only: ['mongodb'] });
  env = authTestEnv(services, testDatabase('it_kek_reseal'));
  runtime = createRuntime({ name: 'kek-reseal-it', uses: [mongo, fieldSealer] }, env);
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtime?.use(mongo).db.dropDatabase();
  await runtime?.close();
});

const b64 = (key: Buffer) => key.toString('base64');
const schedule = createKeySchedule(30);
const claims = { issuer: 'http://127.0.0.1:3000', audience: 'uxflow-api' };
const legacyUsers = Array.from({ length: 5 }, () => newId('usr'));

/** One request of each kind that opens a sealed secret, on a fresh instance (nothing cached) with `ring`. */
const requestWith = async (ring: Keyring, auditRing: Keyring) => {
  const db = runtime.use(mongo).db;
  const tokens = createAccessTokens(createSigningKeyStore(db, ring, schedule), schedule, claims);
  const { token } = await tokens.issue({ userId: 'usr_x', sessionId: 'ses_x', platformRoles: [] });
  // Verified by another instance, as the gateway's authenticator would.
  await createAccessTokens(createSigningKeyStore(db, ring, schedule), schedule, claims).verify(token);
  const twoFactor = createTwoFactorStore(db, ring, runtime.use(fieldSealer));
  const enrollment = await twoFactor.findActive(legacyUsers[Math.floor(Math.random() * legacyUsers.length)]!);
  if (!enrollment?.secret.startsWith('LEGACY')) throw new Error('legacy 2FA secret did not open');
  const audit = createAuditSigningKeys(db, auditRing);
  const { keyId, sign } = await audit.signer.current(new Date());
  if (!(await audit.signatureCheck())(keyId, 'checkpoint', sign('checkpoint'))) throw new Error('checkpoint did not verify');
};

describe('re-sealing under a new key-encryption key', () => {
  it('should rotate both keys with traffic running, 0 failed requests, and work on the new keys alone afterwards', async () => {
    const db = runtime.use(mongo).db;
    const [oldAuth, newAuth, oldAudit, newAudit] = [randomBytes(32), randomBytes(32), randomBytes(32), randomBytes(32)];
    const ring = (current: Buffer, previous?: Buffer) => keyringOf(previous ? `${b64(current)},${b64(previous)}` : b64(current));

    // Before: everything sealed under the old keys (three signing-key periods, two audit years, legacy 2FA).
    const before = createSigningKeyStore(db, ring(oldAuth), schedule);
    const period = schedule.periodOf(new Date());
    for (const p of [period - 1, period, period + 1]) await before.ensure(p, new Date());
    const auditBefore = createAuditSigningKeys(db, ring(oldAudit));
    await auditBefore.ensure(new Date());
    await auditBefore.ensure(new Date(Date.UTC(new Date().getUTCFullYear() - 1, 5, 1)));
    for (const userId of legacyUsers) {
      const enrollmentId = newId('tfa');
      await twoFactorCollection.in(db).insertOne({
        _id: userId,
        schemaVersion: 1,
        enrollmentId,
        secret: seal(oldAuth, `totp:${userId}:${enrollmentId}`, `LEGACY${userId}`),
        createdAt: new Date(),
        enabledAt: new Date(),
      } as never);
    }

    // Rollout step 1 (old key seals, new accepted), step 2 (new seals, old accepted), then two re-seals racing.
    const step1 = [ring(oldAuth, newAuth), ring(oldAudit, newAudit)] as const;
    const step2 = [ring(newAuth, oldAuth), ring(newAudit, oldAudit)] as const;
    let failed = 0;
    let done = 0;
    const reports: Awaited<ReturnType<typeof resealFields>>[] = [];
    for (let round = 0; round < 6; round += 1) {
      const rings = round < 2 ? [step1, step2] : [step2];
      const wave = Array.from({ length: 8 }, (_, i) =>
        requestWith(...rings[i % rings.length]!).then(
          () => (done += 1),
          () => (failed += 1),
        ),
      );
      const work =
        round === 3
          ? Promise.all(
              [0, 1].flatMap(() => [
                resealFields(db, { from: [oldAuth], to: newAuth }, authSealedFields).then((r) => reports.push(r)),
                resealFields(db, { from: [oldAudit], to: newAudit }, auditSealedFields).then((r) => reports.push(r)),
              ]),
            )
          : Promise.resolve();
      await Promise.all([...wave, work]);
    }
    expect({ failed, done }).toEqual({ failed: 0, done: 48 });
    // Each of the 3 + 5 auth secrets and 2 audit keys re-sealed by one of the racing runs or both:
    // FerretDB runs the compare as read-then-write, so both may write (the same value, under the same key).
    const auth = reports.filter((r) => r.scanned === 8);
    const audit = reports.filter((r) => r.scanned === 2);
    expect(auth.reduce((n, r) => n + r.resealed + r.raced + r.current, 0)).toBe(16);
    expect(auth.reduce((n, r) => n + r.resealed, 0)).toBeGreaterThanOrEqual(8);
    expect(audit.reduce((n, r) => n + r.resealed, 0)).toBeGreaterThanOrEqual(2);
    expect(reports.every((r) => r.unopenable.length === 0)).toBe(true);
    console.info(
      `re-sealed by the racing runs: auth ${auth.map((r) => r.resealed).join('+')}, audit ${audit.map((r) => r.resealed).join('+')}`,
    );

    // The command, run again from the variables: nothing left to do (safe to re-run), exit-worthy report clean.
    const again = await reseal('auth', { ...env, AUTH_KEY_ENCRYPTION_KEY: `${b64(newAuth)},${b64(oldAuth)}` });
    expect(again).toMatchObject({ scanned: 8, resealed: 0, current: 8, raced: 0, unopenable: [] });

    // The old keys removed: the new keys alone serve; the old keys alone no longer open anything.
    await expect(requestWith(ring(newAuth), ring(newAudit))).resolves.toBeUndefined();
    await expect(requestWith(ring(oldAuth), ring(oldAudit))).rejects.toThrow();
  });
});
