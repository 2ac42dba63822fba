import { z } from 'zod';
import { DomainError } from '../kernel/index.ts';
import { optionalPurposes, type OptionalPurpose } from './consent.ts';
import type { RequestOrigin } from './export.ts';

/**
 * Restriction (GDPR Art. 18) and objection (Art. 21) per purpose: the consent purposes that are
 * not strictly necessary. Either one stops the processing for that purpose whatever the consent
 * says (`consents.allows` answers false), until the person (or the DPO) lifts it.
 */
export const restrictionKinds = ['restriction', 'objection'] as const;
export type RestrictionKind = (typeof restrictionKinds)[number];

export const restrictionChangeSchema = z
  .object({
    purpose: z.enum(optionalPurposes),
    kind: z.enum(restrictionKinds),
    /** true: restrict or object; false: lift it. */
    active: z.boolean().default(true),
    /** What the person says (the grounds of an objection, the contested accuracy of a restriction). */
    reason: z.string().trim().max(1000).nullable().default(null),
  })
  .strict();
export type RestrictionChange = z.output<typeof restrictionChangeSchema>;

export interface HeldRestriction {
  kind: RestrictionKind;
  since: Date;
}
export type RestrictionState = Record<OptionalPurpose, HeldRestriction | null>;

/** One entry of a person's restrictions: append-only, numbered per person, carrying the state after it. */
export interface RestrictionEntry {
  userId: string;
  seq: number;
  change: RestrictionChange;
  state: RestrictionState;
  at: Date;
  origin: RequestOrigin;
  ipHash: string;
}

export interface RestrictionLog {
  latest: (userId: string) => Promise<RestrictionEntry | null>;
  /** false when the number is taken (a lost race). */
  append: (entry: RestrictionEntry) => Promise<boolean>;
}

export const initialRestrictionState = (): RestrictionState =>
  Object.fromEntries(optionalPurposes.map((p) => [p, null])) as RestrictionState;

/** The state after the change, or null when it changes nothing. */
export const applyRestriction = (state: RestrictionState, change: RestrictionChange, at: Date): RestrictionState | null => {
  const held = state[change.purpose];
  if (change.active) {
    if (held?.kind === change.kind) return null;
    return { ...state, [change.purpose]: { kind: change.kind, since: at } };
  }
  // Lifting applies to the kind held; lifting what is not held changes nothing.
  if (held?.kind !== change.kind) return null;
  return { ...state, [change.purpose]: null };
};

export const restrictionErrors = {
  busy: () =>
    new DomainError('conflict', 'RESTRICTION_CHANGE_CONFLICT', {
      detail: 'Another change of these restrictions was being saved; try again.',
    }),
};

const attempts = 5;

export const createRestrictions = (deps: { log: RestrictionLog; clock: { now: () => Date }; hashIp: (ip: string) => string }) => {
  const { log, clock, hashIp } = deps;
  const stateOf = async (userId: string) => (await log.latest(userId))?.state ?? initialRestrictionState();
  return {
    current: stateOf,
    /** Whether processing for `purpose` is restricted or objected to now. */
    isRestricted: async (userId: string, purpose: OptionalPurpose): Promise<boolean> => (await stateOf(userId))[purpose] !== null,
    /**
     * Applies the change; one that changes nothing adds no entry (`entry` null).
     * @throws RESTRICTION_CHANGE_CONFLICT
     */
    change: async (userId: string, change: RestrictionChange, context: { origin: RequestOrigin; ip: string }) => {
      for (let attempt = 0; attempt < attempts; attempt += 1) {
        const latest = await log.latest(userId);
        const state = latest?.state ?? initialRestrictionState();
        const at = clock.now();
        const next = applyRestriction(state, change, at);
        if (!next) return { state, entry: null };
        const entry: RestrictionEntry = {
          userId,
          seq: (latest?.seq ?? 0) + 1,
          change,
          state: next,
          at,
          origin: context.origin,
          ipHash: hashIp(context.ip),
        };
        if (await log.append(entry)) return { state: next, entry };
      }
      throw restrictionErrors.busy();
    },
  };
};

export type Restrictions = ReturnType<typeof createRestrictions>;
