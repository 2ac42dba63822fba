import type { AuditActor, AuditLog } from '../audit/index.ts';
import { DomainError } from '../kernel/index.ts';
import {
  applyConsentChanges,
  initialConsentState,
  optionalPurposes,
  type ConsentChanges,
  type ConsentEntry,
  type ConsentPurpose,
  type ConsentState,
} from './consent.ts';

/** The consent history, per person. */
export interface ConsentLog {
  /** The person's newest entry, or null when they never changed anything. */
  latest: (userId: string) => Promise<ConsentEntry | null>;
  /** Inserts the entry, never overwriting; false when the person already has an entry with its number (a lost race). */
  append: (entry: ConsentEntry) => Promise<boolean>;
  /** The person's entries, newest first, numbered below `beforeSeq` when given, at most `limit`. */
  list: (userId: string, page: { beforeSeq?: number; limit: number }) => Promise<ConsentEntry[]>;
}

export interface ConsentsDeps {
  log: ConsentLog;
  clock: { now: () => Date };
  /** The version of the consent text the web app shows now: a change made under another is refused. */
  textVersion: string;
  /** A keyed, one-way hash of a client address. */
  hashIp: (ip: string) => string;
  /** Whether the person restricted or objected to the purpose (restriction.ts): that wins over consent. */
  restricted?: (userId: string, purpose: ConsentPurpose) => Promise<boolean>;
  audit: Pick<AuditLog, 'record'>;
}

export interface CurrentConsents {
  textVersion: string;
  purposes: ConsentState;
}

// Racing changes by one person are rare (two tabs): a few tries, then a conflict the client retries.
const attempts = 5;

export const consentErrors = {
  textOutdated: (current: string) =>
    new DomainError('conflict', 'CONSENT_TEXT_OUTDATED', {
      detail: `Consent was asked under another text version; show the current text (${current}) and ask again.`,
      extensions: { textVersion: current },
    }),
  nothingAsked: () => new DomainError('invalid', 'CONSENT_CHANGE_EMPTY', { detail: 'Name at least one purpose to change.' }),
  busy: () =>
    new DomainError('conflict', 'CONSENT_CHANGE_CONFLICT', { detail: 'Another change of these consents was being saved; try again.' }),
};

/** Consent per purpose, with its full history (who, when, which text version, from where). */
export const createConsents = ({ log, clock, textVersion, hashIp, restricted, audit }: ConsentsDeps) => {
  /**
   * One audit entry per history entry, keyed by it: a change whose entry was written but whose
   * record failed (the request answered 5xx) is recorded when the person sends it again, which
   * then changes nothing.
   */
  const recordEntry = (entry: ConsentEntry, previous: ConsentState, actor: AuditActor | undefined) => {
    const changed = optionalPurposes.filter(
      (p) => entry.state[p].granted !== previous[p].granted || entry.state[p].textVersion !== previous[p].textVersion,
    );
    return audit.record({
      action: 'privacy.consent_changed',
      ...(actor ? { actor } : {}),
      target: { type: 'user', id: entry.userId },
      details: { seq: entry.seq, textVersion: entry.textVersion, ...Object.fromEntries(changed.map((p) => [p, entry.state[p].granted])) },
      key: `consent:${entry.userId}:${entry.seq}`,
      at: entry.at,
    });
  };
  const stateOf = async (userId: string) => (await log.latest(userId))?.state ?? initialConsentState();
  return {
    current: async (userId: string): Promise<CurrentConsents> => ({ textVersion, purposes: await stateOf(userId) }),

    /**
     * Whether the person allows `purpose` now (`necessary`: always): consent given, and no
     * restriction or objection of theirs on that purpose.
     */
    allows: async (userId: string, purpose: ConsentPurpose): Promise<boolean> => {
      if (!(await stateOf(userId))[purpose].granted) return false;
      return purpose === 'necessary' || !(await restricted?.(userId, purpose));
    },

    /**
     * Applies a partial change given under `shownVersion`; a change that changes nothing adds no entry.
     * @throws CONSENT_CHANGE_EMPTY, CONSENT_TEXT_OUTDATED, CONSENT_CHANGE_CONFLICT
     */
    update: async (
      userId: string,
      changes: ConsentChanges,
      context: { shownVersion: string; ip: string; actor?: AuditActor },
    ): Promise<CurrentConsents> => {
      const asked = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as ConsentChanges;
      if (Object.keys(asked).length === 0) throw consentErrors.nothingAsked();
      if (context.shownVersion !== textVersion) throw consentErrors.textOutdated(textVersion);
      for (let attempt = 0; attempt < attempts; attempt += 1) {
        const latest = await log.latest(userId);
        const at = clock.now();
        const state = applyConsentChanges(latest?.state ?? initialConsentState(), asked, textVersion, at);
        if (state === null) {
          if (latest) {
            const [before] = await log.list(userId, { beforeSeq: latest.seq, limit: 1 });
            await recordEntry(latest, before?.state ?? initialConsentState(), context.actor);
          }
          return { textVersion, purposes: latest?.state ?? initialConsentState() };
        }
        const entry = { userId, seq: (latest?.seq ?? 0) + 1, changes: asked, state, textVersion, at, ipHash: hashIp(context.ip) };
        if (await log.append(entry)) {
          await recordEntry(entry, latest?.state ?? initialConsentState(), context.actor);
          return { textVersion, purposes: state };
        }
      }
      throw consentErrors.busy();
    },

    history: (userId: string, page: { beforeSeq?: number; limit: number }): Promise<ConsentEntry[]> => log.list(userId, page),
  };
};

export type Consents = ReturnType<typeof createConsents>;
