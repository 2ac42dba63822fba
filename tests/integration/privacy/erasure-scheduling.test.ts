import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import cancel from '../../../functions/privacy/cancel-erasure.ts';
import status from '../../../functions/privacy/erasure.ts';
import request from '../../../functions/privacy/request-erasure.ts';
import { erasureRequestCollection } from '../../../shared/infra/mongodb/erasure-store.ts';
import { testDatabase } from '../../support/auth-test-env.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, startWorkspaceKit, type TestUser, type WorkspaceKit } from '../../support/workspace-kit.ts';

let kit: WorkspaceKit;
beforeAll(async () => {
  kit = await startWorkspaceKit(testDatabase('it_privacy_erasure'));
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const path = '/v1/me/privacy/erasure';
const ask = (user: TestUser) => kit.call(request, path, user, { method: 'POST' });
const withdraw = (user: TestUser) => kit.call(cancel, path, user, { method: 'DELETE' });
const stateOf = async (user: TestUser) => (await kit.call(status, path, user)).body as { state: string; scheduledFor: string | null };
const dayMs = 86_400_000;

describe('scheduling an erasure', () => {
  it('should schedule it 30 days ahead, keep the date when asked again, and show it', async () => {
    const { ada } = await kit.users('ada');
    expect(await stateOf(ada)).toEqual({ state: 'none', requestedAt: null, scheduledFor: null, receipt: null });
    const first = await ask(ada);
    expect(first.status).toBe(202);
    const scheduledFor = Date.parse(String(first.body!.scheduledFor));
    expect(Math.abs(scheduledFor - Date.now() - 30 * dayMs)).toBeLessThan(60_000);
    const again = await ask(ada);
    expect([again.status, again.body!.scheduledFor]).toEqual([202, first.body!.scheduledFor]);
    expect(await stateOf(ada)).toMatchObject({ state: 'scheduled', scheduledFor: first.body!.scheduledFor });
  });

  it('should cancel a scheduled erasure, and answer 404 ERASURE_NOT_SCHEDULED when none is', async () => {
    const { bo } = await kit.users('bo');
    expect(outcome(await withdraw(bo))).toEqual({ status: 404, code: 'ERASURE_NOT_SCHEDULED' });
    await ask(bo);
    const cancelled = await withdraw(bo);
    expect([cancelled.status, cancelled.body!.state]).toEqual([200, 'none']);
    expect((await stateOf(bo)).state).toBe('none');
    expect(outcome(await withdraw(bo))).toEqual({ status: 404, code: 'ERASURE_NOT_SCHEDULED' });
  });

  it('should refuse with 409 ERASURE_SOLE_OWNER naming the workspace while the person alone owns one with other members', async () => {
    const { owner, member, coOwner } = await kit.users('owner', 'member', 'coOwner');
    const shared = await kit.workspace({ owner: [owner], editor: [member] });
    await kit.workspace({ owner: [owner] });
    const refused = await ask(owner);
    expect(outcome(refused)).toEqual({ status: 409, code: 'ERASURE_SOLE_OWNER' });
    expect(refused.body!.workspaceIds).toEqual([shared]);
    // A workspace with a second owner, or only its owner, does not stand in the way.
    const { lone } = await kit.users('lone');
    await kit.workspace({ owner: [lone, coOwner], viewer: [member] });
    expect((await ask(lone)).status).toBe(202);
  });

  it('should number racing requests and cancellations without a gap or a double, the state being the newest entry', async () => {
    const { cy } = await kit.users('cy');
    await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? ask(cy) : withdraw(cy))));
    const entries = await erasureRequestCollection.in(kit.db).find({ userId: cy.id }).sort({ seq: 1 }).toArray();
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    // Requests and cancellations alternate: a repeated request or a cancellation of nothing adds no entry.
    expect(entries.every((e, i) => e.kind === (i % 2 === 0 ? 'requested' : 'cancelled'))).toBe(true);
    expect((await stateOf(cy)).state).toBe(entries.at(-1)!.kind === 'requested' ? 'scheduled' : 'none');
  });
});
