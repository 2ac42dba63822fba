import type { PersonalDataCategory } from '../definition/metadata.ts';
import type { RetentionRule } from './retention.ts';

/*
 * The data map: what every store (a MongoDB collection, a Redis key prefix, a Chroma collection)
 * holds, how long, and what access and erasure requests do with it. Each store states it where it
 * is declared (`defineCollection`, `defineRedisKeys`, `defineChromaCollections`); the type makes
 * it required, and `npm run privacy -- records` turns the set into the record of processing.
 */

/**
 * What kind of data a store holds, for breach scoping and retention (orthogonal to the
 * personal-data categories, which say what the data is about).
 */
export const dataClasses = [
  /** Names, e-mail addresses: identify a person on their own. */
  'direct-identifier',
  /** Records about a person tied to them by an id (sessions, memberships, usage). */
  'pseudonymous',
  /** Text and diagrams people wrote (flows, documents, prompts). */
  'user-content',
  /** Credentials, keys, token digests: a leak would let someone in. */
  'secret',
  /** Payments, subscriptions, credits: kept for the accounting retention period. */
  'financial',
  /** Network data: addresses, user agents. */
  'network',
  /** Nothing about a person (counters, caches of public data, heartbeats). */
  'operational',
  /** Published material anyone may read. */
  'public',
] as const;
export type DataClass = (typeof dataClasses)[number];

/**
 * The fields that tie a record to a person (each names the field holding that link). An export
 * finds the person's records through them; an erasure deletes or unlinks through them.
 */
export interface SubjectLink {
  /** The field holding the person's user id (`_id` for the users collection itself). */
  userId?: string;
  /** The field holding the person's normalised e-mail address (records made before an account existed). */
  email?: string;
  /** The field holding the blind index of the person's normalised e-mail address (the address itself sealed, or not kept). */
  emailIndex?: string;
  /** The field holding a workspace id: the record belongs to the workspace, not to one person. */
  workspaceId?: string;
  /** The field holding (or, in stored event text, naming) the Stripe customer id of the person's workspace. */
  stripeCustomer?: string;
  /** Records found through a parent record of another collection (a job's steps through the job). */
  parent?: { field: string; collection: string };
}

/**
 * What an access (portability) export takes from the store: the person's records (secret fields —
 * hashes, sealed values — left out), or nothing and why.
 */
export type ExportRule = 'records' | { none: string };

/**
 * What an erasure does to the person's records:
 * - `delete`: the records go;
 * - `unlink`: the records stay (a legal duty to keep them) with the person's ids replaced by a pseudonym;
 * - `with-workspace`: they go with the workspace (the person's workspaces are transferred or deleted first);
 * - `crypto-shred`: the values are sealed under the person's data key, which is destroyed;
 * - `{ none }`: nothing to do, and why (no personal data, expires on its own within hours…).
 */
export type EraseRule = 'delete' | 'unlink' | 'with-workspace' | 'crypto-shred' | { none: string };

/** A store's privacy facts. */
export interface StorePrivacy {
  /** At least one. */
  classes: readonly DataClass[];
  /** The personal-data categories held; empty when the store holds none. */
  personalData: readonly PersonalDataCategory[];
  retention: RetentionRule;
  /** How a record points at a person; null when none does. */
  subject: SubjectLink | null;
  export: ExportRule;
  erase: EraseRule;
}

/** The kinds of store the data map covers. */
export const storeKinds = ['mongodb', 'redis', 'chroma'] as const;
export type StoreKind = (typeof storeKinds)[number];

/** A store as the data map lists it: a collection name, a Redis key prefix or a Chroma collection pattern. */
export interface DataStore {
  readonly store: StoreKind;
  readonly name: string;
  readonly privacy: StorePrivacy;
}

/**
 * A store with no personal data (`why` says what it holds instead): nothing to export or erase.
 * Pure, so an unused declaration still leaves the bundles.
 */
export const noPersonalData = /* @__NO_SIDE_EFFECTS__ */ (
  why: string,
  retention: RetentionRule = 'operational',
  classes: readonly DataClass[] = ['operational'],
): StorePrivacy => ({ classes, personalData: [], retention, subject: null, export: { none: why }, erase: { none: why } });

/** An outside party a client hands personal data to, as the record of processing names it. */
export interface Recipient {
  /** Who, e.g. `Stripe`. */
  name: string;
  /** What they do with it, e.g. `payments (processor)`. */
  role: string;
  /** Where the data goes, when outside the EU/EEA, and on what safeguard. */
  transfer?: string;
}
