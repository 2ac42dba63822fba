import {
  createChainVerifier,
  signedCheckpointSchema,
  summarize,
  type Digest,
  type SignatureCheck,
  type SignedCheckpoint,
  type VerifyReport,
} from '../../shared/audit/index.ts';

/**
 * Verifies an export (JSON Lines: `{"kind":"entry",…}` and `{"kind":"checkpoint",…}` objects) in
 * its line order: a reordered pair of lines is a break, as a reordered pair of entries would be.
 * A line that is not JSON, or of no known kind, breaks the chain it sits in (or the first).
 */
export const verifyExport = (text: string, digest: Digest, checkSignature: SignatureCheck, retentionBound?: Date): VerifyReport => {
  const entries = new Map<string, unknown[]>();
  const checkpoints = new Map<string, SignedCheckpoint[]>();
  const unreadable: { line: number }[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      unreadable.push({ line: index + 1 });
      return;
    }
    const { kind, ...rest } = (value ?? {}) as { kind?: unknown; chain?: unknown };
    const chain = typeof rest.chain === 'string' ? rest.chain : '?';
    if (kind === 'entry') entries.set(chain, [...(entries.get(chain) ?? []), rest]);
    else if (kind === 'checkpoint') {
      const parsed = signedCheckpointSchema.safeParse(rest);
      // A malformed checkpoint cannot vouch for anything: counted as one that fails its signature.
      const checkpoint = parsed.success ? parsed.data : ({ ...(rest as SignedCheckpoint), signature: '' } as SignedCheckpoint);
      checkpoints.set(chain, [...(checkpoints.get(chain) ?? []), checkpoint]);
    } else unreadable.push({ line: index + 1 });
  });
  const chains = [...new Set([...entries.keys(), ...checkpoints.keys()])].sort();
  const reports = chains.map((chain) => {
    const verifier = createChainVerifier(chain, {
      digest,
      checkpoints: checkpoints.get(chain) ?? [],
      checkSignature,
      ...(retentionBound ? { retentionBound } : {}),
    });
    for (const entry of entries.get(chain) ?? []) if (!verifier.push(entry)) break;
    return verifier.finish();
  });
  const report = summarize(reports);
  if (unreadable.length === 0) return report;
  const first = unreadable[0]!;
  const lineBreak = { chain: '?', _id: `line ${first.line}`, seq: null, reason: 'malformed' as const };
  return { ...report, ok: false, firstBreak: report.firstBreak ?? lineBreak };
};
