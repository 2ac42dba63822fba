import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../../shared/billing/index.ts';
import { problemOf, type LedgerKit, useLedgerKit } from '../../support/ledger-kit.ts';

/** Reserves race through several instances, each with its own MongoDB client, as on Knative. */
const instanceCount = 4;
const racers = 200;
const credits = 100;
let kit: LedgerKit;
let ledgers: Ledger[];

useLedgerKit('billing_concurrency', (started) => {
  kit = started;
  ledgers = Array.from({ length: instanceCount }, () => kit.ledgerOf(kit.instance()));
});

describe('concurrent reserves on one workspace', () => {
  it('should let exactly 100 of 200 one-credit reserves succeed, answer 402 to the rest and end at 0 when the balance is 100', async () => {
    const workspaceId = await kit.workspace(credits);
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: racers }, async (_, racer) => {
        const problem = await problemOf(ledgers[racer % instanceCount]!.reserve(kit.request(workspaceId, `race-${racer}`)));
        return problem === null ? 'reserved' : `${problem.status} ${problem.code}`;
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`billing concurrency: ${racers} reserves on ${instanceCount} instances in ${seconds.toFixed(1)} s`);
    const counts = answers.reduce<Record<string, number>>((all, answer) => ({ ...all, [answer]: (all[answer] ?? 0) + 1 }), {});
    expect(counts).toEqual({ reserved: credits, '402 INSUFFICIENT_CREDITS': racers - credits });
    expect(await kit.ledger.balance(workspaceId)).toMatchObject({ balances: { plan: 0, total: 0 }, spendable: 0, seq: credits + 1 });
    const entries = await kit.entriesOf(workspaceId);
    expect(entries.map((entry) => entry.seq)).toEqual(Array.from({ length: credits + 1 }, (_, index) => index + 1));
    // Every refused reserve removed its intent; every successful one still holds one.
    expect(await kit.db.collection('credit_reservation_intents').countDocuments({ workspaceId })).toBe(credits);
  });

  it('should write one reserve and give every caller the same reservation when 20 retries of one request race', async () => {
    const workspaceId = await kit.workspace(credits);
    const reservations = await Promise.all(
      Array.from({ length: 20 }, (_, racer) => ledgers[racer % instanceCount]!.reserve(kit.request(workspaceId, 'one-request', 'ai.plan'))),
    );
    expect(new Set(reservations.map((reservation) => reservation.reservationId)).size).toBe(1);
    expect((await kit.entriesOf(workspaceId)).map((entry) => entry.type)).toEqual(['grant', 'reserve']);
    expect(await kit.db.collection('credit_reservation_intents').countDocuments({ workspaceId })).toBe(1);
    expect((await kit.ledger.balance(workspaceId)).balances.total).toBe(credits - 3);
  });
});
