import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DomainError } from '../../shared/kernel/index.ts';

/**
 * The layout of a logical backup (`npm run backup -- export`): one file per collection, one
 * document per line in canonical Extended JSON (every BSON type kept: dates, 64-bit integers,
 * decimals, binaries — sealed fields stay the ciphertext they are), and `manifest.json`, written
 * last, with each collection's options, index definitions, document count and SHA-256.
 */
export const manifestFile = 'manifest.json';
export const backupFormat = 'uxflow-mongodb-backup';

const indexSpec = z.looseObject({ name: z.string().min(1), key: z.record(z.string(), z.unknown()) });

export const collectionEntry = z.object({
  name: z.string().min(1),
  file: z.string().regex(/^[A-Za-z0-9._%-]+\.jsonl$/, 'a file name of this backup'),
  documents: z.number().int().min(0),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** `listCollections` options (capped, collation, validator…), as the source had them. */
  options: z.record(z.string(), z.unknown()),
  /** `listIndexes` definitions without `_id_` and `v`, in canonical Extended JSON. */
  indexes: z.array(indexSpec),
});
export type CollectionEntry = z.infer<typeof collectionEntry>;

export const manifestSchema = z.object({
  format: z.literal(backupFormat),
  version: z.literal(1),
  database: z.string().min(1),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  collections: z.array(collectionEntry),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The file of a collection: its name, escaped so that no name can leave the folder. */
export const fileOf = (collection: string): string =>
  `${encodeURIComponent(collection).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}.jsonl`;

export const readManifest = async (dir: string): Promise<Manifest> => {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path.join(dir, manifestFile), 'utf8'));
  } catch (cause) {
    throw new DomainError('invalid', 'BACKUP_MANIFEST_MISSING', { detail: `no readable ${manifestFile} in ${dir}`, cause });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success)
    throw new DomainError('invalid', 'BACKUP_MANIFEST_INVALID', { detail: `${manifestFile}: ${z.prettifyError(parsed.error)}` });
  return parsed.data;
};

/**
 * The lines of a collection file, streamed (a backup is never held in memory). Split on `\n` only:
 * readline also splits on U+2028/U+2029, which JSON leaves unescaped inside strings.
 */
export async function* linesOf(file: string): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const parts = (rest + (chunk as string)).split('\n');
    rest = parts.pop() ?? '';
    yield* parts;
  }
  if (rest !== '') yield rest;
}

/**
 * Checks every file against the manifest (count and SHA-256) before anything is written: a
 * truncated or edited backup is refused whole, never half-restored.
 */
export const verifyFiles = async (dir: string, manifest: Manifest): Promise<void> => {
  for (const entry of manifest.collections) {
    const hash = createHash('sha256');
    let documents = 0;
    try {
      for await (const line of linesOf(path.join(dir, entry.file))) {
        hash.update(`${line}\n`);
        documents += 1;
      }
    } catch (cause) {
      throw new DomainError('invalid', 'BACKUP_FILE_MISSING', { detail: `${entry.file} of ${entry.name} cannot be read`, cause });
    }
    const sha256 = hash.digest('hex');
    if (sha256 !== entry.sha256 || documents !== entry.documents)
      throw new DomainError('unprocessable', 'BACKUP_CHECKSUM_MISMATCH', {
        detail: `${entry.file}: ${documents} documents, sha256 ${sha256}; the manifest says ${entry.documents}, ${entry.sha256}`,
        extensions: { collection: entry.name },
      });
  }
};
