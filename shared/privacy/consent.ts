import { z } from 'zod';

/** The purposes a person consents to; `necessary` (running the service they signed up for) is always on. */
export const consentPurposes = ['necessary', 'functional', 'analytics', 'marketing', 'ai_improvement'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

/** The purposes a person may turn on and off. */
export const optionalPurposes = ['functional', 'analytics', 'marketing', 'ai_improvement'] as const satisfies readonly ConsentPurpose[];
export type OptionalPurpose = (typeof optionalPurposes)[number];

/** One purpose as it stands: granted or not, and when and under which text version it was last set. */
export interface PurposeState {
  granted: boolean;
  /** Null while the person never set it (the default: off, `necessary` on). */
  at: Date | null;
  textVersion: string | null;
}

export type ConsentState = Record<ConsentPurpose, PurposeState>;

/** A change a person asks for: some optional purposes, true or false. */
export const consentChangesSchema = z
  .object(
    Object.fromEntries(optionalPurposes.map((purpose) => [purpose, z.boolean().optional()])) as Record<
      OptionalPurpose,
      z.ZodOptional<z.ZodBoolean>
    >,
  )
  .strict();
export type ConsentChanges = Partial<Record<OptionalPurpose, boolean>>;

/**
 * One entry of a person's consent history: append-only, numbered 1, 2, 3… per person with no gap
 * (the insert of number n + 1 is the commit point: two racing changes cannot both be entry n + 1),
 * carrying the state after it, so the current state is the newest entry alone.
 */
export interface ConsentEntry {
  userId: string;
  seq: number;
  /** The purposes this change set, as asked. */
  changes: ConsentChanges;
  state: ConsentState;
  /** The version of the consent text the person was shown. */
  textVersion: string;
  at: Date;
  /** A keyed hash of the client address (the address itself is not kept). */
  ipHash: string;
}

/** Nothing ever set: `necessary` on, every optional purpose off (consent is opt-in). */
export const initialConsentState = (): ConsentState =>
  Object.fromEntries(
    consentPurposes.map((purpose) => [purpose, { granted: purpose === 'necessary', at: null, textVersion: null }]),
  ) as ConsentState;

/**
 * The state after `changes` (a purpose asked again with the same value under the same text version
 * keeps its date), or null when nothing changes.
 */
export const applyConsentChanges = (state: ConsentState, changes: ConsentChanges, textVersion: string, at: Date): ConsentState | null => {
  const next = { ...state };
  let changed = false;
  for (const purpose of optionalPurposes) {
    const granted = changes[purpose];
    if (granted === undefined) continue;
    const held = state[purpose];
    if (held.granted === granted && held.textVersion === textVersion) continue;
    next[purpose] = { granted, at, textVersion };
    changed = true;
  }
  return changed ? next : null;
};
