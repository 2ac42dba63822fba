import { describe, expect, it } from 'vitest';
import {
  auditRetentionBound,
  createChainVerifier,
  retentionAnchor,
  retentionCut,
  sealEntry,
  type AuditEntry,
  type SignedCheckpoint,
} from '../../../shared/audit/index.ts';
import { publicKeysFromJwks, sha256Hex, signatureCheckOf } from '../../../shared/infra/audit/audit-crypto.ts';
import { buildChain, signer } from './chain-fixture.ts';

const chain = 'wsp_bbbbbbbbbbbbbbbbbbbb';
const keys = signer();
const checkSignature = signatureCheckOf(publicKeysFromJwks(keys.keySet));
const entries = buildChain(chain, 12);
// The fixture's checkpoints are signed on 2025-01-01; seven years on, they are past retention.
const old = '2025-01-01T01:05:00.000Z';
const sevenYearsOn = new Date('2032-01-02T00:00:00.000Z');
const young = '2031-06-01T00:00:00.000Z';

const verify = (kept: readonly unknown[], checkpoints: readonly SignedCheckpoint[], retentionBound?: Date) => {
  const verifier = createChainVerifier(chain, {
    digest: sha256Hex,
    checkpoints,
    checkSignature,
    ...(retentionBound ? { retentionBound } : {}),
  });
  for (const entry of kept) if (!verifier.push(entry)) break;
  return verifier.finish();
};
const from = (seq: number) => entries.filter((e) => e.seq >= seq);
const at = (seq: number) => entries[seq - 1]!;

describe('the audit chain verifier after a retention cut', () => {
  const bound = auditRetentionBound(sevenYearsOn);

  it('should verify a chain cut at a checkpoint signed more than 7 years ago', () => {
    const report = verify(from(7), [keys.checkpointOf(at(6), old), keys.checkpointOf(at(12), young)], bound);
    expect(report.firstBreak).toBeNull();
    expect(report).toMatchObject({ entries: 6, cutThrough: 6, head: { seq: 12 }, checkpoint: { seq: 12 } });
  });

  it('should verify a cut that stopped short of its anchor, the kept entries reaching the signed hash', () => {
    const report = verify(from(4), [keys.checkpointOf(at(6), old)], bound);
    expect(report.firstBreak).toBeNull();
    expect(report).toMatchObject({ entries: 9, cutThrough: 3 });
  });

  it('should name entry 1 missing when no retention bound is given', () => {
    expect(verify(from(7), [keys.checkpointOf(at(6), old)]).firstBreak).toMatchObject({ seq: 1, reason: 'missing' });
  });

  it('should name entry 1 missing when the only checkpoint at the cut is younger than 7 years', () => {
    expect(verify(from(7), [keys.checkpointOf(at(6), young)], bound).firstBreak).toMatchObject({ seq: 1, reason: 'missing' });
  });

  it('should refuse a cut past the last checkpoint old enough to anchor it', () => {
    const report = verify(from(9), [keys.checkpointOf(at(6), old), keys.checkpointOf(at(12), young)], bound);
    expect(report.firstBreak).toMatchObject({ seq: 1, reason: 'missing' });
  });

  it('should name a changed entry between a partial cut and its anchor', () => {
    const changed = from(4).map((e) => (e.seq === 5 ? sealEntry({ ...withoutHash(e), requestId: 'req-forged' }, sha256Hex) : e));
    // Re-sealed, entry 5 hashes right but entry 6 no longer links to it.
    expect(verify(changed, [keys.checkpointOf(at(6), old)], bound).firstBreak).toMatchObject({ seq: 6, reason: 'prev_hash_mismatch' });
  });

  it('should name a first kept entry that does not link to the anchor at the gap', () => {
    const forged = sealEntry({ ...withoutHash(at(7)), prevHash: 'f'.repeat(64) }, sha256Hex);
    const report = verify([forged, ...from(8)], [keys.checkpointOf(at(6), old)], bound);
    expect(report.firstBreak).toMatchObject({ seq: 7, reason: 'prev_hash_mismatch' });
  });

  it('should refuse an anchor whose signature does not verify', () => {
    const anchor = { ...keys.checkpointOf(at(6), old), signature: keys.checkpointOf(at(5), old).signature };
    expect(verify(from(7), [anchor], bound).firstBreak).toMatchObject({ seq: 6, reason: 'checkpoint_signature_invalid' });
  });
});

describe('where the retention job cuts', () => {
  const checkpoints = [
    keys.checkpointOf(at(3), old),
    keys.checkpointOf(at(6), '2025-06-01T00:00:00.000Z'),
    keys.checkpointOf(at(12), young),
  ];

  it('should cut through the newest checkpoint signed at or before the bound', () => {
    expect(retentionAnchor(checkpoints, auditRetentionBound(new Date('2032-07-01T00:00:00.000Z')))?.seq).toBe(6);
    expect(retentionAnchor(checkpoints, auditRetentionBound(new Date('2032-02-01T00:00:00.000Z')))?.seq).toBe(3);
    expect(retentionAnchor(checkpoints, auditRetentionBound(new Date('2031-12-31T00:00:00.000Z')))).toBeNull();
  });

  it('should never cut the chain’s head', () => {
    expect(retentionCut(keys.checkpointOf(at(6), old), 6)).toBe(5);
    expect(retentionCut(keys.checkpointOf(at(6), old), 12)).toBe(6);
    expect(retentionCut(null, 12)).toBe(0);
  });
});

const withoutHash = ({ hash: _hash, ...rest }: AuditEntry) => rest;
