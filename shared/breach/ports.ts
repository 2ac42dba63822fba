import type { Breach, BreachAlert, BreachStatusEntry, DeadlineAlertThreshold, TimeWindow } from './breach.ts';
import type { BlastRadius } from './blast-radius.ts';
import type { NoticeAudience, NoticeDraft } from './notices.ts';

/** `breaches`: the facts as reported (insert-only). */
export interface BreachStore {
  insert: (breach: Breach) => Promise<void>;
  find: (id: string) => Promise<Breach | null>;
  /** Newest reported first, before the cursor; at most `limit`. */
  list: (before: { reportedAt: Date; id: string } | null, limit: number) => Promise<Breach[]>;
  /** Breaches whose awareness lies in [from, to] (the deadline cron's candidates). */
  awareBetween: (from: Date, to: Date, limit: number) => Promise<Breach[]>;
}

/** `breach_status_history`: numbered per breach; the insert is the commit point. */
export interface BreachHistoryStore {
  /** The breach's entries in number order. */
  entries: (breachId: string) => Promise<BreachStatusEntry[]>;
  /** Inserts, never overwriting; false when the number is taken (a lost race). */
  append: (entry: BreachStatusEntry) => Promise<boolean>;
  /** The newest entry of each breach named. */
  latestOf: (breachIds: readonly string[]) => Promise<Map<string, BreachStatusEntry>>;
}

/** `breach_alerts`: one per breach and threshold (the insert decides who raises it). */
export interface BreachAlertStore {
  /** False when that alert was raised before. */
  raise: (alert: BreachAlert) => Promise<boolean>;
  markMailed: (breachId: string, threshold: DeadlineAlertThreshold, at: Date) => Promise<void>;
  /** Alerts raised before `before` whose mail has not gone out. */
  unmailed: (before: Date, limit: number) => Promise<BreachAlert[]>;
  ofBreach: (breachId: string) => Promise<BreachAlert[]>;
}

/** Who called which function when: the request log the authenticator keeps (bucketed, see function-call-store). */
export interface CallLogReader {
  /** The distinct (user, workspace, function) callers of the functions in the window, at most `limit`. */
  callers: (functions: readonly string[], window: TimeWindow, limit: number) => Promise<CallerRecord[]>;
}

export interface CallerRecord {
  userId: string;
  workspaceId: string | null;
  function: string;
  /** An API key's id when the calls came with one. */
  keyId: string | null;
  firstAt: Date;
}

/** `breach_assessments`: each blast radius computed, numbered per breach (insert-only). */
export interface AssessmentStore {
  append: (breachId: string, seq: number, radius: BlastRadius) => Promise<boolean>;
  latest: (breachId: string) => Promise<{ seq: number; radius: BlastRadius } | null>;
}

/** `breach_notices`: every version of every draft, numbered per breach and audience (insert-only). */
export interface NoticeStore {
  append: (draft: NoticeDraft) => Promise<boolean>;
  latest: (breachId: string, audience: NoticeAudience) => Promise<NoticeDraft | null>;
  version: (breachId: string, audience: NoticeAudience, version: number) => Promise<NoticeDraft | null>;
}

export interface BreachMail {
  to: string;
  subject: string;
  text: string;
}

export interface BreachClock {
  now: () => Date;
}
