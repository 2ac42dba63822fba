import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The files `npm run build` writes under dist/assets (scripts/build/assets.ts) for the API reference. */
export const assetFiles = { openapi: 'openapi.json', apiReferenceScript: 'api-reference.js' } as const;
export type AssetName = keyof typeof assetFiles;

const cache = new Map<AssetName, Promise<Buffer>>();

/**
 * An asset's bytes, read once per instance from dist/assets beside the working directory (the
 * image's /app, the repository locally). A missing file is a build defect: the error names it and
 * the command that writes it.
 */
export const readAsset = (name: AssetName): Promise<Buffer> => {
  const cached = cache.get(name);
  if (cached) return cached;
  const file = path.join(process.cwd(), 'dist', 'assets', assetFiles[name]);
  const read = readFile(file).catch((error: unknown) => {
    cache.delete(name);
    throw new Error(`${file} is missing: npm run build writes it`, { cause: error });
  });
  cache.set(name, read);
  return read;
};
