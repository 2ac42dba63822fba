import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import history from '../../../functions/privacy/consent-history.ts';
import get from '../../../functions/privacy/consents.ts';
import update from '../../../functions/privacy/update-consents.ts';
import { consentEntryCollection } from '../../../shared/infra/mongodb/consent-store.ts';
import { consents } from '../../../shared/infra/privacy/consents-resource.ts';
import { createRuntime } from '../../../shared/platform/runtime.ts';
import { testDatabase } from '../../support/auth-test-env.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, startWorkspaceKit, type TestUser, type WorkspaceKit } from '../../support/workspace-kit.ts';

let kit: WorkspaceKit;
beforeAll(async () => {
  kit = await startWorkspaceKit(testDatabase('it_privacy_consents'));
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const version = '2025-06-01';
type Purposes = Record<string, { granted: boolean; at: string | null; textVersion: string | null }>;
const put = (user: TestUser, body: unknown) => kit.call(update, '/v1/me/consents', user, { method: 'PUT', body });
const purposesOf = async (user: TestUser) => (await kit.call(get, '/v1/me/consents', user)).body!.purposes as Purposes;
const entriesOf = (user: TestUser) => consentEntryCollection.in(kit.db).find({ userId: user.id }).sort({ seq: 1 }).toArray();

describe('GET /v1/me/consents', () => {
  it('should answer necessary on and every other purpose off when nothing was ever set', async () => {
    const { ada } = await kit.users('ada');
    const reply = await kit.call(get, '/v1/me/consents', ada);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ textVersion: version });
    const purposes = reply.body!.purposes as Purposes;
    expect(Object.fromEntries(Object.entries(purposes).map(([p, s]) => [p, s.granted]))).toEqual({
      necessary: true,
      functional: false,
      analytics: false,
      marketing: false,
      ai_improvement: false,
    });
  });
});

describe('PUT /v1/me/consents', () => {
  it('should change only the purposes named and keep the others when a second change names others', async () => {
    const { bo } = await kit.users('bo');
    expect((await put(bo, { textVersion: version, analytics: true })).status).toBe(200);
    const reply = await put(bo, { textVersion: version, marketing: true, necessary: true });
    expect(reply.status).toBe(200);
    const purposes = reply.body!.purposes as Purposes;
    expect([purposes.analytics!.granted, purposes.marketing!.granted, purposes.functional!.granted]).toEqual([true, true, false]);
    expect(purposes.marketing).toMatchObject({ textVersion: version, at: expect.any(String) });
    expect(await purposesOf(bo)).toEqual(purposes);
  });

  it('should add no entry when the change changes nothing', async () => {
    const { cy } = await kit.users('cy');
    await put(cy, { textVersion: version, ai_improvement: true });
    await put(cy, { textVersion: version, ai_improvement: true });
    expect(await entriesOf(cy)).toHaveLength(1);
  });

  it.each([
    ['necessary turned off', { textVersion: version, necessary: false }, 400, 'VALIDATION_FAILED'],
    ['an unknown purpose', { textVersion: version, telemetry: true }, 400, 'VALIDATION_FAILED'],
    ['no text version', { analytics: true }, 400, 'VALIDATION_FAILED'],
    ['no purpose', { textVersion: version }, 400, 'CONSENT_CHANGE_EMPTY'],
    ['an outdated text version', { textVersion: '2019-01-01', analytics: true }, 409, 'CONSENT_TEXT_OUTDATED'],
  ])('should refuse %s', async (_what, body, status, code) => {
    const { dee } = await kit.users('dee');
    expect(outcome(await put(dee, body))).toEqual({ status, code });
    expect(await entriesOf(dee)).toHaveLength(0);
  });

  it('should number racing changes 1…n without a gap or a double, and answer the newest entry’s state', async () => {
    const { eve } = await kit.users('eve');
    const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => put(eve, { textVersion: version, analytics: i % 2 === 0 })));
    for (const reply of replies) expect([200, 409]).toContain(reply.status);
    const entries = await entriesOf(eve);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect((await purposesOf(eve)).analytics!.granted).toBe(entries.at(-1)!.state.analytics.granted);
  });
});

describe('the consent check other functions ask', () => {
  it('should allow keeping prompts for improvement only once the person turned ai_improvement on, and again not once off', async () => {
    const { ivy } = await kit.users('ivy');
    const runtime = createRuntime({ name: 'privacy-it', uses: [consents] }, kit.env);
    const allows = () => runtime.use(consents).allows(ivy.id, 'ai_improvement');
    expect(await allows()).toBe(false);
    await put(ivy, { textVersion: version, ai_improvement: true });
    expect(await allows()).toBe(true);
    await put(ivy, { textVersion: version, ai_improvement: false });
    expect(await allows()).toBe(false);
    expect(await runtime.use(consents).allows(ivy.id, 'necessary')).toBe(true);
    await runtime.close();
  });
});

describe('GET /v1/me/consents/history', () => {
  it('should list the caller’s changes newest first, with the text version and an address hash, never the address', async () => {
    const { fay, gus } = await kit.users('fay', 'gus');
    await put(fay, { textVersion: version, analytics: true });
    await put(fay, { textVersion: version, analytics: false, functional: true });
    const first = await kit.call(history, '/v1/me/consents/history?limit=1', fay);
    expect(first.status).toBe(200);
    const [newest] = first.body!.items as { seq: number; userId: string; changes: unknown; textVersion: string; ipHash: string }[];
    expect(newest).toMatchObject({ seq: 2, userId: fay.id, changes: { analytics: false, functional: true }, textVersion: version });
    expect(newest!.ipHash).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const raw = JSON.stringify(await entriesOf(fay));
    expect(raw).not.toMatch(/2001:db8:/);
    const second = await kit.call(history, `/v1/me/consents/history?limit=1&cursor=${String(first.body!.nextCursor)}`, fay);
    expect((second.body!.items as { seq: number }[]).map((e) => e.seq)).toEqual([1]);
    expect(second.body!.nextCursor).toBeNull();
    expect((await kit.call(history, '/v1/me/consents/history', gus)).body!.items).toEqual([]);
  });

  it('should answer 400 INVALID_CURSOR for a cursor it did not give out', async () => {
    const { hal } = await kit.users('hal');
    expect(outcome(await kit.call(history, '/v1/me/consents/history?cursor=bm9wZQ', hal))).toEqual({ status: 400, code: 'INVALID_CURSOR' });
  });
});
