/**
 * `npm run privacy -- retention [--dry-run]`: runs (or counts) every retention job once.
 * `npm run privacy -- records [--check]`: writes (or checks) docs/privacy/records.md and .json, the
 * record of processing activities (GDPR Art. 30), from the functions' privacy annotations and the
 * data map. `npm run gen` writes them too, and `gen --check` fails when they are stale.
 * `npm run privacy -- rotate-kek`: a new primary version of the local KEK (development).
 * `npm run privacy -- rewrap-keys`: re-wraps the data keys under the primary KEK version now.
 * `npm run privacy -- reseal --key auth|audit`: re-seals what AUTH_KEY_ENCRYPTION_KEY or
 * AUDIT_KEY_ENCRYPTION_KEY (`new,old`) seals under the new key (docs/secrets.md); safe to re-run.
 * `npm run privacy -- seal-existing-content`: seals in place the AI and knowledge content written
 * before sealing began (safe to re-run).
 */
import { loadDefinitions } from '../lib/load-definitions.ts';
import { repoRoot } from '../lib/paths.ts';
import { findDrift, hasDrift } from '../gen/drift.ts';
import { writeGenerated } from '../gen/write-files.ts';
import { rewrapKeys, rotateKek } from './keys.ts';
import { renderPrivacyRecords } from './render-records.ts';
import { isResealKey, reseal } from './reseal.ts';
import { printRetention, runRetention } from './retention.ts';
import { runSealExistingContent } from './seal-existing-content.ts';

const usage =
  'usage: npm run privacy -- records [--check] | retention [--dry-run] | rotate-kek | rewrap-keys | reseal --key auth|audit | seal-existing-content';

const records = async (isCheck: boolean): Promise<number> => {
  const files = await renderPrivacyRecords(await loadDefinitions());
  if (isCheck) {
    const drift = await findDrift(repoRoot, files, []);
    if (!hasDrift(drift)) return (console.log(`privacy records: ${files.map((f) => f.path).join(', ')} are fresh`), 0);
    console.error(`privacy records are out of date (run npm run privacy -- records): ${[...drift.stale, ...drift.missing].join(', ')}`);
    return 1;
  }
  const changes = await writeGenerated(repoRoot, files, []);
  const changed = [...changes.stale, ...changes.missing];
  console.log(`privacy records: ${changed.length > 0 ? `wrote ${changed.join(', ')}` : 'already fresh'}`);
  return 0;
};

const run = async (argv: readonly string[]): Promise<number> => {
  const [command, ...rest] = argv;
  if (command === 'records') return records(rest.includes('--check'));
  if (command === 'retention') {
    const dryRun = rest.includes('--dry-run');
    console.log(printRetention(await runRetention(process.env, { dryRun }), dryRun));
    return 0;
  }
  if (command === 'rotate-kek') {
    console.log(`local KEK: version ${await rotateKek(process.env)} is now primary (older versions still unwrap); run rewrap-keys`);
    return 0;
  }
  if (command === 'rewrap-keys') {
    const r = await rewrapKeys(process.env);
    console.log(
      `data keys: ${r.scanned} scanned, ${r.rewrapped} re-wrapped under KEK version ${r.primary}, ${r.raced} raced, ${r.shredded} erased meanwhile`,
    );
    return 0;
  }
  if (command === 'reseal') {
    const key = rest[rest.indexOf('--key') + 1];
    if (!rest.includes('--key') || !isResealKey(key)) return (console.error(usage), 2);
    const r = await reseal(key, process.env);
    console.log(
      `reseal ${key}: ${r.scanned} sealed secrets, ${r.resealed} re-sealed, ${r.current} already under the new key, ${r.raced} raced (run again)`,
    );
    if (r.unopenable.length > 0) console.error(`opened by none of the keys given: ${r.unopenable.join(', ')}`);
    // Non-zero while anything is left under the old key: it may not be removed yet.
    return r.raced > 0 || r.unopenable.length > 0 ? 1 : 0;
  }
  if (command === 'seal-existing-content') {
    const report = await runSealExistingContent(process.env);
    const lines = Object.entries(report).map(([store, r]) => `${store}: ${r.sealed} sealed, ${r.skipped} skipped`);
    console.log(lines.length > 0 ? lines.join('\n') : 'nothing left to seal');
    return 0;
  }
  console.error(usage);
  return 2;
};

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
