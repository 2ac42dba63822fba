import type { Digest } from './chain.ts';
import type { AuditEntryStore, CheckpointStore, SignatureCheck } from './ports.ts';
import { createChainVerifier, summarize, type ChainReport, type VerifyReport } from './verify.ts';

const pageSize = 1000;
const chainsPerRead = 200;

export interface StoredChains {
  entries: Pick<AuditEntryStore, 'chains' | 'range'>;
  checkpoints: Pick<CheckpointStore, 'list'>;
  digest: Digest;
  checkSignature: SignatureCheck;
  /** Entries signed before this may have been removed by retention (retention.ts). */
  retentionBound?: Date;
}

/** Verifies one chain as stored, page by page in number order. */
export const verifyStoredChain = async (
  { entries, checkpoints, digest, checkSignature, retentionBound }: StoredChains,
  chain: string,
): Promise<ChainReport> => {
  const verifier = createChainVerifier(chain, {
    digest,
    checkpoints: await checkpoints.list(chain),
    checkSignature,
    ...(retentionBound ? { retentionBound } : {}),
  });
  for (let after = 0; ;) {
    const page = await entries.range(chain, after, pageSize);
    if (!page.every((entry) => verifier.push(entry))) break;
    if (page.length < pageSize) break;
    after = page.at(-1)!.seq;
  }
  return verifier.finish();
};

/** Verifies every stored chain (in chain id order) and sums the reports. */
export const verifyStoredChains = async (source: StoredChains): Promise<VerifyReport> => {
  const reports: ChainReport[] = [];
  for (let after: string | null = null; ;) {
    const chains = await source.entries.chains(after, chainsPerRead);
    for (const chain of chains) reports.push(await verifyStoredChain(source, chain));
    if (chains.length < chainsPerRead) break;
    after = chains.at(-1)!;
  }
  return summarize(reports);
};
