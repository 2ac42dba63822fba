import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { migrate } from '../../scripts/db/migrate.ts';
import { reconcileLedger } from '../../scripts/billing-reconcile.ts';
import { ensureServices } from '../../scripts/services/index.ts';
import { createLedger, type Ledger, type ReserveRequest } from '../../shared/billing/index.ts';
import { ledgerPorts } from '../../shared/infra/billing/ledger-resource.ts';
import { ledgerCollection, type LedgerEntryDocument } from '../../shared/infra/mongodb/ledger-entry-store.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { newId, type CreditOperation } from '../../shared/kernel/index.ts';
import { toProblem } from '../../shared/platform/http/problem.ts';
import { createRuntime, type Runtime } from '../../shared/platform/runtime.ts';
import { authTestEnv } from './auth-test-env.ts';
import { servicesHookTimeoutMs } from './required-env.ts';

export const upgradeUrl = 'https://app.uxflow.test/settings/billing';

/** A clock the test moves by hand. */
export const manualClock = (start = new Date()) => {
  let current = start;
  return {
    now: () => current,
    advance: (ms: number) => {
      current = new Date(current.getTime() + ms);
    },
  };
};

/**
 * The credit ledger over the local MongoDB (FerretDB), in a database of its own, built exactly as a
 * function builds it (`createLedger(use(ledgerPorts))`). Each `instance()` is a separate runtime
 * with its own client pool, as separate function instances are.
 */
export const startLedgerKit = async (name: string) => {
  const services = await ensureServices({ only: ['mongodb'] });
  const database = `it_${name}_${randomUUID().slice(0, 8)}`;
  const env = authTestEnv(services, database);
  const runtimes: Runtime[] = [];
  const instance = () => {
    const runtime = createRuntime({ name: `${name}-${runtimes.length}`, uses: [ledgerPorts] }, env);
    runtimes.push(runtime);
    return runtime;
  };
  const main = instance();
  const db = main.use(mongo).db;
  await db.dropDatabase();
  await migrate(services.MONGODB_URI!, database);

  /** A ledger on `runtime` (the main one by default), with another clock when given. */
  const ledgerOf = (runtime: Runtime = main, clock?: { now: () => Date }): Ledger =>
    createLedger({ ...runtime.use(ledgerPorts), ...(clock ? { clock } : {}) });
  const ledger = ledgerOf();

  /** A fresh workspace with `credits` plan credits (none when 0). */
  const workspace = async (credits = 0) => {
    const workspaceId = newId('wsp');
    if (credits > 0) await ledger.grantPlanCredits(workspaceId, credits, `invoice:${newId('in')}`, 'stripe:evt_test', 'period 1');
    return workspaceId;
  };
  const request = (workspaceId: string, idempotencyKey: string, operation: CreditOperation = 'ai.chat'): ReserveRequest => ({
    workspaceId,
    operation,
    idempotencyKey,
    actor: 'usr_test',
    plan: 'free',
    upgradeUrl,
  });
  /** The stored entries of a workspace, in order. */
  const entriesOf = (workspaceId: string) =>
    db.collection<LedgerEntryDocument>(ledgerCollection.name).find({ workspaceId }).sort({ seq: 1 }).toArray();

  const close = async () => {
    await db.dropDatabase();
    await Promise.all(runtimes.map((runtime) => runtime.close()));
  };
  return { env, database, db, ledger, ledgerOf, instance, workspace, request, entriesOf, reconcile: () => reconcileLedger(db), close };
};

export type LedgerKit = Awaited<ReturnType<typeof startLedgerKit>>;

/**
 * A test file's ledger kit: started before its tests (then handed to `onStart`), checked after each
 * test (the ledger must reconcile), closed after all.
 */
export const useLedgerKit = (name: string, onStart: (kit: LedgerKit) => void): void => {
  let kit: LedgerKit | undefined;
  beforeAll(async () => {
    kit = await startLedgerKit(name);
    onStart(kit);
  }, servicesHookTimeoutMs);
  afterEach(async () => {
    expect((await kit!.reconcile()).problems).toEqual([]);
  });
  afterAll(async () => {
    await kit?.close();
  });
};

/** The problem+json a call's error becomes (status, code and extensions), or null when it succeeded. */
export const problemOf = async (call: Promise<unknown>) => {
  try {
    await call;
    return null;
  } catch (error) {
    return toProblem(error).problem;
  }
};
