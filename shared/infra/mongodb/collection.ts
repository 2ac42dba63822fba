import type { Collection, Db, Document, IndexSpecification } from 'mongodb';
import type { DataStore, StorePrivacy } from '../../platform/privacy/data-map.ts';

/** An index the code relies on; `npm run db:migrate` creates it (never a cold start). */
export interface IndexDeclaration {
  /** Unique across the database: `<collection>_<what>`, `_unique` for unique ones. */
  name: string;
  keys: IndexSpecification;
  /**
   * Unique indexes are the project's concurrency primitive: an insert that breaks one is the
   * conflict. Their fields are always present (FerretDB lets documents missing them coexist).
   */
  unique?: true;
}

/**
 * A MongoDB collection as its store declares it: the name, the indexes its queries rely on and
 * its privacy facts (the data map: shared/platform/privacy/data-map.ts). Stores reach collections
 * only through `in(db)`, so every collection the code touches has a declaration; the migration
 * (scripts/db/migrate.ts) collects every declaration's indexes, the record of processing
 * (`npm run privacy -- records`) every declaration's privacy facts.
 */
export interface CollectionDeclaration<T extends Document = Document> extends DataStore {
  readonly kind: 'collection';
  readonly store: 'mongodb';
  readonly indexes: readonly IndexDeclaration[];
  /** The collection in `db`, typed as this store reads it (another store may see fewer fields). */
  in<U extends Document = T>(db: Db): Collection<U>;
}

// Unused declarations leave the bundles: the call has no side effects.
export const defineCollection = /* @__NO_SIDE_EFFECTS__ */ <T extends Document = Document>(declaration: {
  name: string;
  indexes?: readonly IndexDeclaration[];
  /** Required: a collection cannot exist outside the data map. */
  privacy: StorePrivacy;
}): CollectionDeclaration<T> => ({
  kind: 'collection',
  store: 'mongodb',
  name: declaration.name,
  indexes: declaration.indexes ?? [],
  privacy: declaration.privacy,
  in: <U extends Document = T>(db: Db) => db.collection<U>(declaration.name),
});

export const isCollectionDeclaration = (value: unknown): value is CollectionDeclaration =>
  typeof value === 'object' &&
  value !== null &&
  (value as { kind?: unknown }).kind === 'collection' &&
  typeof (value as { name?: unknown }).name === 'string' &&
  typeof (value as { in?: unknown }).in === 'function';
