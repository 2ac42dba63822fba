import { emailIndex } from '../../shared/infra/crypto/blind-index.ts';
import { fieldSealer } from '../../shared/infra/crypto/field-sealer.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { sealExisting, totalOf, type SealCounts } from '../../shared/infra/privacy/seal-existing.ts';
import { createRuntime } from '../../shared/platform/runtime.ts';

/**
 * `seal-existing [--dry-run]`: seals, in place, the names and addresses written before sealing
 * began and fills their blind indexes (shared/infra/privacy/seal-existing.ts). Batch-wise and
 * safe to re-run: a second run finds everything sealed.
 */
export const runSealExisting = async (
  env: Record<string, string | undefined>,
  options: { dryRun: boolean; log?: (line: string) => void },
): Promise<{ total: SealCounts; byCollection: Record<string, SealCounts> }> => {
  const runtime = createRuntime(
    { name: 'privacy-seal-existing', uses: [mongo, fieldSealer, emailIndex] },
    { APP_ENV: 'development', LOG_LEVEL: 'warn', ...env },
  );
  try {
    const byCollection = await sealExisting(
      runtime.use(mongo).db,
      { sealer: runtime.use(fieldSealer), indexOf: runtime.use(emailIndex) },
      { dryRun: options.dryRun, onBatch: (name, counts) => options.log?.(`${name}: ${JSON.stringify(counts)}`) },
    );
    return { total: totalOf(byCollection), byCollection };
  } finally {
    await runtime.close();
  }
};
