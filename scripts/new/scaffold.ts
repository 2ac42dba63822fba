import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import { domains } from '../../shared/platform/definition/metadata.ts';
import { identityOf, stutterOf } from '../../shared/platform/definition/identity.ts';
import { eventTypes } from '../../shared/platform/events/catalog.ts';
import { filesFor, kinds, type Kind, type Target } from './templates.ts';

export class ScaffoldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaffoldError';
  }
}

const usage = 'usage: npm run new -- http|cron|event <domain>/<name> [--event <type>]';

/** Reads `http flows/purge-preview [--event com.uxflow.flow.deleted.v1]`; throws a ScaffoldError saying what is wrong. */
export const parseTarget = (argv: readonly string[]): Target => {
  const eventIndex = argv.indexOf('--event');
  const eventType = eventIndex >= 0 ? argv[eventIndex + 1] : undefined;
  const [kind, where] = eventIndex >= 0 ? argv.filter((_, i) => i !== eventIndex && i !== eventIndex + 1) : argv;
  if (!kinds.includes(kind as Kind) || !where) throw new ScaffoldError(usage);
  const identity = identityOf(`functions/${where}.ts`);
  if ('problem' in identity) throw new ScaffoldError(`${identity.problem} (domains: ${domains.join(', ')})`);
  const base = where.slice(identity.domain.length + 1);
  const stutter = stutterOf(identity.name, identity.domain);
  if (stutter) throw new ScaffoldError(stutter);
  if (eventType !== undefined && !(eventTypes as readonly string[]).includes(eventType))
    throw new ScaffoldError(`--event ${eventType} is not in the catalog (shared/platform/events/catalog.ts): ${eventTypes.join(', ')}`);
  return { kind: kind as Kind, domain: identity.domain, base, name: identity.name, eventType: eventType ?? 'com.uxflow.ops.heartbeat.v1' };
};

/** Writes the function and its test under `root`, formatted as the repository's prettier does; returns their paths. */
export const scaffold = async (root: string, target: Target): Promise<string[]> => {
  const files = filesFor(target);
  const taken = files.filter((file) => existsSync(path.join(root, file.path)));
  if (taken.length > 0) throw new ScaffoldError(`already there: ${taken.map((file) => file.path).join(', ')}`);
  for (const file of files) {
    const absolute = path.join(root, file.path);
    const options = (await prettier.resolveConfig(absolute)) ?? {};
    await mkdir(path.dirname(absolute), { recursive: true });
    await writeFile(absolute, await prettier.format(file.content, { ...options, filepath: absolute }));
  }
  return files.map((file) => file.path);
};
