import type { Collection, Db, Document, IndexSpecification } from 'mongodb';

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
 * A MongoDB collection as its store declares it: the name and the indexes its queries rely on.
 * Stores reach collections only through `in(db)`, so every collection the code touches has a
 * declaration, and the migration (scripts/db/migrate.ts) collects every declaration's indexes.
 */
export interface CollectionDeclaration<T extends Document = Document> {
  readonly kind: 'collection';
  readonly name: string;
  readonly indexes: readonly IndexDeclaration[];
  /** The collection in `db`, typed as this store reads it (another store may see fewer fields). */
  in<U extends Document = T>(db: Db): Collection<U>;
}

// Unused declarations leave the bundles: the call has no side effects.
export const defineCollection = /* @__NO_SIDE_EFFECTS__ */ <T extends Document = Document>(declaration: {
  name: string;
  indexes?: readonly IndexDeclaration[];
}): CollectionDeclaration<T> => ({
  kind: 'collection',
  name: declaration.name,
  indexes: declaration.indexes ?? [],
  in: <U extends Document = T>(db: Db) => db.collection<U>(declaration.name),
});

export const isCollectionDeclaration = (value: unknown): value is CollectionDeclaration =>
  typeof value === 'object' &&
  value !== null &&
  (value as { kind?: unknown }).kind === 'collection' &&
  typeof (value as { name?: unknown }).name === 'string' &&
  typeof (value as { in?: unknown }).in === 'function';
