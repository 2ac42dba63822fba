import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { fromRoot } from '../lib/paths.ts';
import { assetFiles } from '../../shared/platform/http/static-assets.ts';

/**
 * The files the API reference functions serve, under dist/assets (the image copies the folder): the
 * contract as JSON, and the reference page's renderer (Scalar's self-contained browser build, so the
 * page loads nothing from a CDN). Built from the checked-in openapi.yaml, which `gen --check` keeps
 * equal to the definitions.
 */
export const writeAssets = async (): Promise<void> => {
  await mkdir(fromRoot('dist/assets'), { recursive: true });
  const contract = parse(await readFile(fromRoot('openapi.yaml'), 'utf8')) as unknown;
  await writeFile(fromRoot('dist/assets', assetFiles.openapi), JSON.stringify(contract));
  await copyFile(
    fromRoot('node_modules/@scalar/api-reference/dist/browser/standalone.js'),
    fromRoot('dist/assets', assetFiles.apiReferenceScript),
  );
};
