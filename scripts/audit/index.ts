/**
 * `npm run audit -- verify [--from <export.jsonl>] [--public-key <file>] [--keys-url <url>] [--json]`:
 * verifies the audit chains and their signed checkpoints, from the configured database (MONGODB_URI,
 * MONGODB_DB) or from an export. Needs only the public keys: a file, or the key set the deployment
 * publishes (`--keys-url`, default the local fleet's). Exits 1 naming the first entry that does not
 * verify (its `_id` and seq), 2 on a usage or setup error, 0 when everything verifies.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { auditRetentionBound, verifyStoredChains, type VerifyReport } from '../../shared/audit/index.ts';
import { sha256Hex } from '../../shared/infra/audit/audit-crypto.ts';
import { createAuditCheckpointStore } from '../../shared/infra/mongodb/audit-checkpoint-store.ts';
import { createAuditEntryStore } from '../../shared/infra/mongodb/audit-entry-store.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { createRuntime } from '../../shared/platform/runtime.ts';
import { isEntryModule } from '../services/paths.ts';
import { defaultKeysUrl, loadSignatureCheck } from './public-keys.ts';
import { verifyExport } from './verify-file.ts';

const usage = 'usage: npm run audit -- verify [--from <export.jsonl>] [--public-key <file>] [--keys-url <url>] [--json]';

export interface VerifyOptions {
  from?: string;
  publicKey?: string;
  keysUrl?: string;
}

/** Verifies the database's chains, or an export's. */
export const verify = async (options: VerifyOptions, env: Record<string, string | undefined>): Promise<VerifyReport> => {
  const checkSignature = await loadSignatureCheck(options.publicKey, options.keysUrl ?? env.AUDIT_KEYS_URL ?? defaultKeysUrl);
  // Entries past the 7-year retention may have been cut, at a checkpoint signed before then.
  const retentionBound = auditRetentionBound(new Date());
  if (options.from) return verifyExport(await readFile(options.from, 'utf8'), sha256Hex, checkSignature, retentionBound);
  const runtime = createRuntime({ name: 'audit-verify', uses: [mongo] }, { APP_ENV: 'development', LOG_LEVEL: 'warn', ...env });
  try {
    const { db } = runtime.use(mongo);
    return await verifyStoredChains({
      entries: createAuditEntryStore(db),
      checkpoints: createAuditCheckpointStore(db),
      digest: sha256Hex,
      checkSignature,
      retentionBound,
    });
  } finally {
    await runtime.close();
  }
};

/** The report as lines for a person. */
export const describe = (report: VerifyReport): string[] => [
  `${report.chains} chain(s), ${report.entries} entries, ${report.checkpoints} checkpoint(s)`,
  ...report.broken.map(
    (chain) =>
      `chain ${chain.chain}: breaks at ${chain.firstBreak!._id} (seq ${chain.firstBreak!.seq ?? '?'}): ${chain.firstBreak!.reason}`,
  ),
  report.ok
    ? 'verified: every chain links up and every checkpoint is signed by a published key'
    : `FAILED: first entry that does not verify: ${report.firstBreak!._id} (seq ${report.firstBreak!.seq ?? '?'}, ${report.firstBreak!.reason})`,
];

if (isEntryModule(import.meta.url)) {
  try {
    const { positionals, values } = parseArgs({
      allowPositionals: true,
      options: { from: { type: 'string' }, 'public-key': { type: 'string' }, 'keys-url': { type: 'string' }, json: { type: 'boolean' } },
    });
    if (positionals[0] !== 'verify' || positionals.length > 1) throw Object.assign(new Error(usage), { usage: true });
    const report = await verify(
      {
        ...(values.from ? { from: values.from } : {}),
        ...(values['public-key'] ? { publicKey: values['public-key'] } : {}),
        ...(values['keys-url'] ? { keysUrl: values['keys-url'] } : {}),
      },
      process.env,
    );
    console.log(values.json ? JSON.stringify(report) : describe(report).join('\n'));
    process.exitCode = report.ok ? 0 : 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  }
}
