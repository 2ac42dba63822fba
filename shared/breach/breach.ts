/**
 * A personal-data breach as the DPO registers it (GDPR Art. 33(5): every breach is documented,
 * notified or not). The facts are fixed when it is reported; its status moves through a history
 * of numbered entries (the insert of entry n + 1 is the commit point), and the current status is
 * the newest entry.
 */
export const breachStatuses = ['suspected', 'confirmed', 'authority_notified', 'subjects_notified', 'closed'] as const;
export type BreachStatus = (typeof breachStatuses)[number];

/**
 * The workflow. A suspicion may turn out not to be a breach (closed); a confirmed breach unlikely
 * to result in a risk needs no notification (closed, with the reasoning: Art. 33(5)); subjects
 * are told only when the risk is high (Art. 34), so authority_notified may close too.
 */
export const breachTransitions: Readonly<Record<BreachStatus, readonly BreachStatus[]>> = {
  suspected: ['confirmed', 'closed'],
  confirmed: ['authority_notified', 'closed'],
  authority_notified: ['subjects_notified', 'closed'],
  subjects_notified: ['closed'],
  closed: [],
};

/** The authority must be told within 72 hours of awareness (Art. 33(1)); the DPO is reminded at 48 h and 68 h. */
export const authorityDeadlineHours = 72;
export const deadlineAlertHours = [48, 68] as const;
export type DeadlineAlertThreshold = `${(typeof deadlineAlertHours)[number]}h`;
const hourMs = 3_600_000;

export interface TimeWindow {
  from: Date;
  to: Date;
}

export interface Breach {
  id: string;
  /** When the organisation became aware of it: the 72 hours run from here. */
  awareAt: Date;
  reportedAt: Date;
  reportedBy: string;
  description: string;
  /** Data classes of the data map believed involved (`direct-identifier`, `secret`…). */
  dataClasses: string[];
  /** The functions and stores believed involved, as far as known. */
  functions: string[];
  stores: string[];
  /** When the breach is believed to have lasted, when known. */
  window: TimeWindow | null;
}

/** One entry of a breach's status history. */
export interface BreachStatusEntry {
  breachId: string;
  seq: number;
  status: BreachStatus;
  at: Date;
  by: string;
  /** Why (required when closing, and for an authority notice after the deadline: Art. 33(1)). */
  note: string | null;
}

/** A deadline reminder raised once per breach and threshold. */
export interface BreachAlert {
  breachId: string;
  threshold: DeadlineAlertThreshold;
  raisedAt: Date;
  /** Null until the mail went out (the cron retries). */
  mailedAt: Date | null;
}

export interface BreachDeadline {
  /** awareAt + 72 h. */
  authorityDeadline: Date;
  /** When the authority was told (the history), or null. */
  authorityNotifiedAt: Date | null;
  /** Still owed and past the deadline. */
  overdue: boolean;
  /** Hours left (negative when overdue); null once notified or closed. */
  hoursLeft: number | null;
}

export interface BreachView extends Breach {
  status: BreachStatus;
  history: BreachStatusEntry[];
  deadline: BreachDeadline;
  alerts: BreachAlert[];
}

export const authorityDeadlineOf = (awareAt: Date): Date => new Date(awareAt.getTime() + authorityDeadlineHours * hourMs);

/** Whether the authority notice is still owed: before it was sent and before the breach was closed. */
export const owesAuthorityNotice = (status: BreachStatus): boolean => status === 'suspected' || status === 'confirmed';

export const deadlineOf = (breach: Pick<Breach, 'awareAt'>, history: readonly BreachStatusEntry[], now: Date): BreachDeadline => {
  const authorityDeadline = authorityDeadlineOf(breach.awareAt);
  const notified = history.find((entry) => entry.status === 'authority_notified') ?? null;
  const current = history.at(-1)?.status ?? 'suspected';
  const owed = owesAuthorityNotice(current);
  const left = (authorityDeadline.getTime() - now.getTime()) / hourMs;
  return {
    authorityDeadline,
    authorityNotifiedAt: notified?.at ?? null,
    overdue: owed && left < 0,
    hoursLeft: owed ? Math.round(left * 10) / 10 : null,
  };
};

/** The thresholds a breach that still owes its notice has passed at `now`. */
export const thresholdsPassed = (awareAt: Date, now: Date): DeadlineAlertThreshold[] =>
  deadlineAlertHours.filter((hours) => now.getTime() - awareAt.getTime() >= hours * hourMs).map((hours) => `${hours}h` as const);
