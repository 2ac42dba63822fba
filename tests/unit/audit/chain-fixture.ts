import {
  checkpointMessage,
  genesisHash,
  sealEntry,
  type AuditEntry,
  type ChainedEntry,
  type SignedCheckpoint,
} from '../../../shared/audit/index.ts';
import { newEd25519Pair, sha256Hex, signEd25519 } from '../../../shared/infra/audit/audit-crypto.ts';

/** A chain of `count` entries sealed as the appender seals them. */
export const buildChain = (chain: string, count: number): AuditEntry[] => {
  const entries: AuditEntry[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const chained: ChainedEntry = {
      v: 1,
      chain,
      seq,
      key: `aud_${chain}_${seq}`,
      at: new Date(Date.UTC(2025, 0, 1, 0, seq)).toISOString(),
      action: seq % 2 === 0 ? 'member.role_changed' : 'apikey.created',
      actor: { type: 'user', id: `usr_actor${seq}`, userId: `usr_actor${seq}` },
      target: { type: 'user', id: `usr_target${seq}` },
      workspaceId: chain === 'platform' ? null : chain,
      requestId: `req-${seq}-abcdef`,
      traceId: `${seq}`.padStart(32, '0'),
      outcome: 'success',
      details: { from: 'viewer', to: 'editor', n: seq, ok: true, none: null },
      personalHash: seq % 3 === 0 ? sha256Hex(`personal ${seq}`) : null,
      prevHash: entries.at(-1)?.hash ?? genesisHash,
    };
    entries.push(sealEntry(chained, sha256Hex));
  }
  return entries;
};

/** A key pair and a signed checkpoint of an entry, as the cron signs it. */
export const signer = (kid = 'audit-2025') => {
  const { publicJwk, privatePkcs8 } = newEd25519Pair(kid);
  const checkpointOf = (entry: AuditEntry, signedAt = '2025-01-01T01:05:00.000Z'): SignedCheckpoint => {
    const statement = {
      v: 1 as const,
      chain: entry.chain,
      seq: entry.seq,
      hash: entry.hash,
      period: '2025-01-01T01:00Z',
      signedAt,
      keyId: kid,
    };
    return { ...statement, alg: 'Ed25519', signature: signEd25519(privatePkcs8, checkpointMessage(statement)) };
  };
  return { publicJwk, keySet: { keys: [publicJwk] }, checkpointOf };
};
