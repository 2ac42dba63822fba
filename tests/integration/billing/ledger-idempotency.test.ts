import { describe, expect, it } from 'vitest';
import { withCredits } from '../../../shared/billing/index.ts';
import { problemOf, type LedgerKit, useLedgerKit } from '../../support/ledger-kit.ts';

let kit: LedgerKit;

useLedgerKit('billing_idempotency', (started) => (kit = started));

const reservesOf = async (workspaceId: string) => (await kit.entriesOf(workspaceId)).filter((entry) => entry.type === 'reserve');
const intentsOf = (workspaceId: string) => kit.db.collection('credit_reservation_intents').countDocuments({ workspaceId });

describe('an idempotency key is bound to its operation, cost and actor', () => {
  it.each([
    ['another operation', { operation: 'ai.generate' as const }],
    ['another multiplier (so another cost)', { multiplier: 2 }],
    ['another actor', { actor: 'usr_someone_else' }],
  ])('should answer 409 IDEMPOTENCY_KEY_REUSED and write nothing when the key comes back with %s', async (_, change) => {
    const workspaceId = await kit.workspace(100);
    await kit.ledger.reserve(kit.request(workspaceId, 'req-1', 'ai.chat'));
    const problem = await problemOf(kit.ledger.reserve({ ...kit.request(workspaceId, 'req-1', 'ai.chat'), ...change }));
    expect({ status: problem?.status, code: problem?.code }).toEqual({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await reservesOf(workspaceId)).toHaveLength(1);
    expect(await intentsOf(workspaceId)).toBe(1);
  });

  it('should answer 409 rather than hand back the first reservation when the other work would not even be covered (no 402 swallowed)', async () => {
    const workspaceId = await kit.workspace(3);
    await kit.ledger.reserve(kit.request(workspaceId, 'req-1', 'ai.chat'));
    const problem = await problemOf(kit.ledger.reserve(kit.request(workspaceId, 'req-1', 'ai.generate')));
    expect({ status: problem?.status, code: problem?.code }).toEqual({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await kit.ledger.balance(workspaceId)).balances.total).toBe(2);
  });

  it('should return the first reservation, marked as a replay, when the same work repeats the key', async () => {
    const workspaceId = await kit.workspace(10);
    const first = await kit.ledger.reserve(kit.request(workspaceId, 'req-1', 'ai.image'));
    const again = await kit.ledger.reserve(kit.request(workspaceId, 'req-1', 'ai.image'));
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ ...first, replayed: true });
  });
});

describe('withCredits with a repeated idempotency key', () => {
  it('should give the first outcome through replay, running the work once and charging once', async () => {
    const workspaceId = await kit.workspace(10);
    let runs = 0;
    const work = {
      run: async () => `answer ${(runs += 1)}`,
      replay: async ({ reservation, settlement }: { reservation: { reservationId: string }; settlement: string | null }) =>
        `stored answer of ${reservation.reservationId} (${settlement})`,
    };
    const first = await withCredits(kit.ledger, kit.request(workspaceId, 'req-1', 'ai.plan'), work);
    const again = await withCredits(kit.ledger, kit.request(workspaceId, 'req-1', 'ai.plan'), work);
    const [reserved] = await reservesOf(workspaceId);
    expect({ first, again, runs }).toEqual({
      first: 'answer 1',
      again: `stored answer of ${reserved!.reservationId} (committed)`,
      runs: 1,
    });
    expect((await kit.entriesOf(workspaceId)).map((entry) => entry.type)).toEqual(['grant', 'reserve', 'commit']);
    expect((await kit.ledger.balance(workspaceId)).balances.total).toBe(7);
  });

  it('should answer 409 without running anything when the key comes back for other work', async () => {
    const workspaceId = await kit.workspace(100);
    let runs = 0;
    const work = { run: async () => (runs += 1), replay: async () => -1 };
    await withCredits(kit.ledger, kit.request(workspaceId, 'req-1', 'ai.chat'), work);
    const problem = await problemOf(withCredits(kit.ledger, kit.request(workspaceId, 'req-1', 'ai.generate'), work));
    expect({ status: problem?.status, code: problem?.code, runs }).toEqual({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED', runs: 1 });
    expect((await kit.ledger.balance(workspaceId)).balances.total).toBe(99);
  });
});
