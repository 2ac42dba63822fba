import type { AuditLog } from '../audit/index.ts';
import { DomainError } from '../kernel/index.ts';

/** An erasure whose grace period is over: the newest entry of the person's requests, not cancelled. */
export interface DueErasure {
  userId: string;
  /** The number of the request entry (a new request after a cancellation is a new erasure). */
  seq: number;
  requestedAt: Date;
  scheduledFor: Date;
}

/** What one step did to one store (a line of the receipt). */
export interface StoreOutcome {
  /** `mongodb`, `redis`, `chroma` (the data map's kinds) or `stripe` (a recipient). */
  store: string;
  name: string;
  /** `deleted`, `unlinked`, `deleted+unlinked`, `crypto-shredded`, `dropped`, `none`… */
  action: string;
  count: number;
  note?: string;
}

/** What a step finished with: its receipt lines and the facts later steps need (the workspaces' fate). */
export interface StepResult {
  outcomes: StoreOutcome[];
  data?: Record<string, unknown>;
}

/** The person as the steps see them: their ids, and their clear e-mail and name while the account still exists. */
export interface ErasureSubject {
  userId: string;
  email: string | null;
  name: string | null;
  /** The id that replaces theirs in records kept unlinked (billing, security events). */
  pseudonym: string;
  /** The data of the steps finished so far, by step key. */
  stepData: ReadonlyMap<string, Record<string, unknown>>;
}

export interface ErasureStep {
  /** Unique within the plan: the step's record is `<runId>:<key>`. */
  key: string;
  /** Idempotent: run again after a crash, it finds less to do. */
  run: (subject: ErasureSubject) => Promise<StepResult>;
}

/** A finished step, inserted once (insert-only: a step is never rewritten). */
export interface StepRecord extends StepResult {
  runId: string;
  key: string;
  at: Date;
}

export interface ErasureReceipt {
  id: string;
  requestedAt: string;
  scheduledFor: string;
  startedAt: string;
  completedAt: string;
  stores: StoreOutcome[];
  hashAlgorithm: 'SHA-256 over RFC 8785 canonical JSON of the receipt without `hash`';
  hash: string;
}

export interface ErasureRun extends DueErasure {
  id: string;
  startedAt: Date;
}

export interface ErasureRunPorts {
  due: (now: Date, limit: number) => Promise<DueErasure[]>;
  /** Inserts the run unless it exists; returns the stored one (the first start wins). */
  open: (run: ErasureRun) => Promise<ErasureRun>;
  /** Takes the run's next lease when the previous one has expired; false when another worker holds it. */
  lease: (runId: string, now: Date, leaseMs: number) => Promise<boolean>;
  steps: (runId: string) => Promise<StepRecord[]>;
  /** Insert-only; a duplicate (a racing worker finished it first) is ignored. */
  recordStep: (record: StepRecord) => Promise<void>;
  receipt: (runId: string) => Promise<ErasureReceipt | null>;
  /** Insert-only; a duplicate is ignored. */
  insertReceipt: (receipt: ErasureReceipt) => Promise<void>;
}

export interface ErasurePlan {
  /** The person's clear e-mail and name, null once the account document is gone (a resumed run). */
  person: (userId: string) => Promise<{ email: string; name: string } | null>;
  pseudonymOf: (userId: string) => string;
  steps: readonly ErasureStep[];
}

export type RunOutcome =
  | { runId: string; state: 'completed'; receipt: ErasureReceipt }
  | { runId: string; state: 'busy' }
  | { runId: string; state: 'blocked' | 'failed'; code: string; error: unknown };

/** The cut-off of a sole owner at execution time: the run stops before anything is removed. */
export const erasureRunErrors = {
  soleOwner: (workspaceIds: readonly string[]) =>
    new DomainError('conflict', 'ERASURE_SOLE_OWNER', {
      detail: 'The person alone owns workspaces with other members: transfer them or delete them, then the erasure resumes.',
      extensions: { workspaceIds: [...workspaceIds] },
    }),
};

/**
 * Carries out due erasures, step by step, each step recorded once when it ends: a run cut short
 * (crash, timeout) resumes at its first unrecorded step on the next tick. Two workers never run
 * one erasure at once: each attempt takes a numbered lease by a unique insert.
 */
export const createErasureRunner = (deps: {
  ports: ErasureRunPorts;
  plan: ErasurePlan;
  clock: { now: () => Date };
  runIdOf: (userId: string, seq: number) => string;
  /** SHA-256, lower-case hex, of the canonical JSON of a value. */
  hashOf: (value: unknown) => string;
  /** Records `privacy.subject_erased` before the receipt is written (no receipt: the run is not over). */
  audit: Pick<AuditLog, 'record'>;
  leaseMs?: number;
}) => {
  const { ports, plan, clock, runIdOf, hashOf, audit, leaseMs = 600_000 } = deps;

  const finish = async (run: ErasureRun, records: readonly StepRecord[]): Promise<ErasureReceipt> => {
    const order = new Map(plan.steps.map((step, i) => [step.key, i]));
    const sorted = [...records].sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
    const body = {
      id: run.id,
      requestedAt: run.requestedAt.toISOString(),
      scheduledFor: run.scheduledFor.toISOString(),
      startedAt: run.startedAt.toISOString(),
      completedAt: (sorted.at(-1)?.at ?? clock.now()).toISOString(),
      stores: sorted.flatMap((record) => record.outcomes),
      hashAlgorithm: 'SHA-256 over RFC 8785 canonical JSON of the receipt without `hash`' as const,
    };
    const receipt = { ...body, hash: hashOf(body) };
    // Ids and the receipt's hash only: the person's values are gone by now. Keyed by the run, so a
    // run whose receipt insert failed records it once when it resumes.
    await audit.record({
      action: 'privacy.subject_erased',
      actor: { type: 'system', id: 'privacy-execute-erasures', userId: null },
      target: { type: 'user', id: run.userId },
      details: {
        requestId: `erasure:${run.userId}:${run.seq}`,
        receiptId: run.id,
        receiptHash: receipt.hash,
        stores: receipt.stores.length,
      },
      key: `erasure-run:${run.id}`,
    });
    await ports.insertReceipt(receipt);
    return (await ports.receipt(run.id)) ?? receipt;
  };

  const runOne = async (due: DueErasure): Promise<RunOutcome> => {
    const runId = runIdOf(due.userId, due.seq);
    const existing = await ports.receipt(runId);
    if (existing) return { runId, state: 'completed', receipt: existing };
    const run = await ports.open({ ...due, id: runId, startedAt: clock.now() });
    if (!(await ports.lease(runId, clock.now(), leaseMs))) return { runId, state: 'busy' };
    const records = await ports.steps(runId);
    const done = new Map(records.map((record) => [record.key, record]));
    const person = await plan.person(due.userId);
    const stepData = new Map(records.filter((r) => r.data).map((r) => [r.key, r.data!]));
    const subject = {
      userId: due.userId,
      email: person?.email ?? null,
      name: person?.name ?? null,
      pseudonym: plan.pseudonymOf(due.userId),
      stepData,
    };
    try {
      for (const step of plan.steps) {
        if (done.has(step.key)) continue;
        const result = await step.run(subject);
        const record: StepRecord = { runId, key: step.key, at: clock.now(), ...result };
        await ports.recordStep(record);
        records.push(record);
        if (result.data) stepData.set(step.key, result.data);
      }
      return { runId, state: 'completed', receipt: await finish(run, records) };
    } catch (error) {
      const code = error instanceof DomainError ? error.code : 'ERASURE_STEP_FAILED';
      return { runId, state: code === 'ERASURE_SOLE_OWNER' ? 'blocked' : 'failed', code, error };
    }
  };

  return {
    runOne,
    /** Runs up to `limit` due erasures one after the other (each a long sequence of writes). */
    runDue: async (limit: number): Promise<RunOutcome[]> => {
      const outcomes: RunOutcome[] = [];
      for (const due of await ports.due(clock.now(), limit)) outcomes.push(await runOne(due));
      return outcomes;
    },
  };
};

export type ErasureRunner = ReturnType<typeof createErasureRunner>;
