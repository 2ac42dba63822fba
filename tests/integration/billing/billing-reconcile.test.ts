import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { reconcileLedger } from '../../../scripts/billing-reconcile.ts';
import { ledgerEntryId } from '../../../shared/infra/mongodb/ledger-entry-store.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { ledgerEntry } from '../../support/ledger-entry.ts';
import { type LedgerKit, useLedgerKit } from '../../support/ledger-kit.ts';

let kit: LedgerKit;

useLedgerKit('billing_reconcile', (started) => (kit = started));

/** The script as an operator runs it. */
const reconcileCli = (args: string[]) =>
  promisify(execFile)(process.execPath, ['scripts/billing-reconcile.ts', '--uri', kit.env.MONGODB_URI!, '--db', kit.database, ...args]);

/** A stored entry (document id and schema version included), as the ledger store writes one. */
const entry = (workspaceId: string, seq: number, fields: Record<string, unknown>) => ({
  _id: ledgerEntryId(workspaceId, seq),
  schemaVersion: 1,
  ...ledgerEntry({ workspaceId, seq }),
  ...fields,
});

describe('billing-reconcile', () => {
  it('should find no problem when the ledger was written by the service', async () => {
    const workspaceId = await kit.workspace(10);
    const { reservationId } = await kit.ledger.reserve(kit.request(workspaceId, 'r1'));
    await kit.ledger.release(workspaceId, reservationId, 'usr_test');
    expect(await reconcileLedger(kit.db, { workspaceId })).toEqual({ workspaces: 1, entries: 3, problems: [] });
  });

  it('should report each broken rule when entries were corrupted', async () => {
    const scratch = newId('wsp');
    const balances = (plan: number, total = plan) => ({ plan, packs: [], total });
    await kit.db.collection('credit_ledger').insertMany([
      entry(scratch, 1, { type: 'grant', amount: 10, balances: balances(10) }),
      // The amount says -1 but the balances did not move.
      entry(scratch, 2, {
        type: 'reserve',
        amount: -1,
        balances: balances(10),
        reservationId: 'rsv_1',
        allocation: { plan: 1, packs: [] },
      }),
      // A gap, a total that is not plan + packs, a bucket below zero, a release of nothing.
      entry(scratch, 4, {
        type: 'release',
        amount: 0,
        balances: balances(-1, 9),
        reservationId: 'rsv_unknown',
        allocation: { plan: 0, packs: [] },
      }),
    ] as never[]);
    try {
      const report = await reconcileLedger(kit.db, { workspaceId: scratch });
      const problems = report.problems.map((found) => `${found.seq}: ${found.problem}`);
      expect(problems).toEqual([
        '2: running sum 9 but balances.total 10',
        '4: seq 4 where 3 was expected',
        '4: plan + packs = -1 but balances.total 9',
        '4: a bucket below zero',
        '4: release of unknown reservation rsv_unknown',
      ]);
      const failed = await reconcileCli(['--workspace', scratch]).catch((error: { code: number; stdout: string }) => error);
      expect(failed).toMatchObject({ code: 1 });
      expect(JSON.parse(failed.stdout.trim())).toMatchObject({ reconcile: 'failed', workspaces: 1, entries: 3 });
    } finally {
      await kit.db.collection('credit_ledger').deleteMany({ workspaceId: scratch });
    }
  });

  it('should print an ok line and exit 0 when run from the command line on a consistent database', async () => {
    const { stdout } = await reconcileCli([]);
    expect(JSON.parse(stdout.trim())).toMatchObject({ reconcile: 'ok', problems: [] });
  });
});
