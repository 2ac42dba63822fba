import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const packageJsonSchema = z.object({ version: z.string().min(1) });

/** The `version` of the package.json in `root`: the API version the OpenAPI document states. */
export const readPackageVersion = async (root: string): Promise<string> =>
  packageJsonSchema.parse(JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'))).version;
