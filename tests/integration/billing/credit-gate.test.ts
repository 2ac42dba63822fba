import { describe, expect, it } from 'vitest';
import { withCredits } from '../../../shared/billing/index.ts';
import { problemOf, type LedgerKit, useLedgerKit } from '../../support/ledger-kit.ts';

let kit: LedgerKit;

useLedgerKit('billing_gate', (started) => (kit = started));

const notReplayed = async (): Promise<never> => {
  throw new Error('not a repeat');
};
const typesOf = async (workspaceId: string) => (await kit.entriesOf(workspaceId)).map((entry) => entry.type);

describe('withCredits', () => {
  it('should run the work and commit its reservation when the work succeeds', async () => {
    const workspaceId = await kit.workspace(10);
    const answer = await withCredits(kit.ledger, kit.request(workspaceId, 'req-1', 'ai.plan'), {
      run: async (reservation) => {
        expect(reservation.cost).toBe(3);
        return 'a plan';
      },
      replay: notReplayed,
    });
    expect(answer).toBe('a plan');
    expect(await typesOf(workspaceId)).toEqual(['grant', 'reserve', 'commit']);
    expect((await kit.ledger.balance(workspaceId)).balances.total).toBe(7);
  });

  it('should release the reservation and rethrow the error when the work throws', async () => {
    const workspaceId = await kit.workspace(10);
    const failure = new Error('model unavailable');
    await expect(
      withCredits(kit.ledger, kit.request(workspaceId, 'req-1', 'ai.plan'), {
        run: async () => {
          throw failure;
        },
        replay: notReplayed,
      }),
    ).rejects.toBe(failure);
    expect(await typesOf(workspaceId)).toEqual(['grant', 'reserve', 'release']);
    expect((await kit.ledger.balance(workspaceId)).balances.total).toBe(10);
    expect(await kit.db.collection('credit_reservation_intents').countDocuments({ workspaceId })).toBe(0);
  });

  it('should answer 402 without running the work when the credits do not cover it', async () => {
    const workspaceId = await kit.workspace(2);
    let ran = false;
    const problem = await problemOf(
      withCredits(kit.ledger, kit.request(workspaceId, 'req-1', 'ai.plan'), {
        run: async () => {
          ran = true;
        },
        replay: notReplayed,
      }),
    );
    expect({ ran, status: problem?.status, code: problem?.code }).toEqual({ ran: false, status: 402, code: 'INSUFFICIENT_CREDITS' });
  });
});
