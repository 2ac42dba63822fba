import { describe, expect, it } from 'vitest';
import { chainedFormOf, createChainVerifier, sealEntry, type AuditEntry, type SignedCheckpoint } from '../../../shared/audit/index.ts';
import { publicKeysFromJwks, sha256Hex, signatureCheckOf } from '../../../shared/infra/audit/audit-crypto.ts';
import { buildChain, signer } from './chain-fixture.ts';

const chain = 'wsp_aaaaaaaaaaaaaaaaaaaa';
const keys = signer();
// Only the published key set: what an outside verifier has.
const checkSignature = signatureCheckOf(publicKeysFromJwks(JSON.parse(JSON.stringify(keys.keySet))));

const verify = (entries: readonly unknown[], checkpoints: readonly SignedCheckpoint[] = []) => {
  const verifier = createChainVerifier(chain, { digest: sha256Hex, checkpoints, checkSignature });
  for (const entry of entries) if (!verifier.push(entry)) break;
  return verifier.finish();
};

/** Changes one character (or digit) somewhere inside a value, keeping its type. */
const nudge = (value: unknown): unknown => {
  if (typeof value === 'string') return value.length === 0 ? 'x' : `${value.slice(0, -1)}${value.at(-1) === 'a' ? 'b' : 'a'}`;
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  if (value === null) return 'x';
  const object = value as Record<string, unknown>;
  const [first] = Object.keys(object);
  return first === undefined ? { x: 1 } : { ...object, [first]: nudge(object[first]) };
};

describe('the audit chain verifier', () => {
  const entries = buildChain(chain, 12);
  const checkpoint = keys.checkpointOf(entries.at(-1)!);

  it('should verify an intact chain and its signed checkpoint with only the public key', () => {
    const report = verify(entries, [checkpoint]);
    expect(report.firstBreak).toBeNull();
    expect(report).toMatchObject({ entries: 12, head: { seq: 12 }, checkpoint: { seq: 12 }, unsigned: 0 });
  });

  it('should name the entry when any member of any entry changes', () => {
    for (const [index, entry] of entries.entries()) {
      for (const member of Object.keys(entry) as (keyof AuditEntry)[]) {
        const changed = entries.map((e, i) => (i === index ? { ...e, [member]: nudge(e[member]) } : e));
        const { firstBreak } = verify(changed, [checkpoint]);
        // A changed number or id names the entry by what it now claims to be, or the number now missing.
        const expectedSeq = member === 'seq' ? [entry.seq, entry.seq + 1] : [entry.seq];
        expect(firstBreak, `${member} of entry ${entry.seq}`).not.toBeNull();
        expect(expectedSeq, `${member} of entry ${entry.seq}`).toContain(firstBreak!.seq);
      }
    }
  });

  it('should name the entry when one byte of its stored JSON changes', () => {
    const entry = entries[4]!;
    const json = JSON.stringify(entry);
    for (let i = 0; i < json.length; i++) {
      const code = json.charCodeAt(i);
      // Flip a letter or digit into another of its kind, so the JSON stays readable.
      if (!/[0-9a-z]/.test(json[i]!)) continue;
      const flipped = json.slice(0, i) + String.fromCharCode(code === 0x39 ? 0x30 : code === 0x7a ? 0x61 : code + 1) + json.slice(i + 1);
      let parsed: unknown;
      try {
        parsed = JSON.parse(flipped);
      } catch {
        continue;
      }
      const { firstBreak } = verify(
        entries.map((e, index) => (index === 4 ? parsed : e)),
        [checkpoint],
      );
      expect(firstBreak, `byte ${i} (${json.slice(Math.max(0, i - 10), i + 10)})`).not.toBeNull();
      expect([entry.seq, entry.seq + 1]).toContain(firstBreak!.seq);
    }
  });

  it('should name a deleted entry, wherever it was', () => {
    for (const [index, entry] of entries.entries()) {
      const { firstBreak } = verify(
        entries.filter((_, i) => i !== index),
        [checkpoint],
      );
      expect(firstBreak, `entry ${entry.seq}`).toMatchObject({ _id: entry._id, seq: entry.seq, reason: 'missing' });
    }
  });

  it('should name the first of two reordered entries', () => {
    for (let index = 0; index < entries.length - 1; index++) {
      const swapped = [...entries];
      [swapped[index], swapped[index + 1]] = [swapped[index + 1]!, swapped[index]!];
      expect(verify(swapped, [checkpoint]).firstBreak?.seq, `entries ${index + 1} and ${index + 2}`).toBe(index + 1);
    }
  });

  it('should name an entry whose numbers were swapped with its neighbour’s (a reorder in the database)', () => {
    const [a, b] = [entries[2]!, entries[3]!];
    const swapped = entries.map((e) => (e === a ? { ...b, seq: a.seq, _id: a._id } : e === b ? { ...a, seq: b.seq, _id: b._id } : e));
    expect(verify(swapped, [checkpoint]).firstBreak).toMatchObject({ _id: a._id, seq: a.seq });
  });

  it('should refuse a checkpoint signed by another key or altered after signing', () => {
    const other = signer().checkpointOf(entries.at(-1)!);
    expect(verify(entries, [other]).firstBreak?.reason).toBe('checkpoint_signature_invalid');
    expect(verify(entries, [{ ...checkpoint, seq: 11, hash: entries[10]!.hash }]).firstBreak?.reason).toBe('checkpoint_signature_invalid');
  });

  it('should catch a chain rewritten and re-hashed after its checkpoint was signed', () => {
    // Entry 7 changed, and 7–12 sealed again so that the chain links up: only the signature tells.
    const forged: AuditEntry[] = entries.slice(0, 6);
    for (const entry of entries.slice(6)) {
      const chained = chainedFormOf(entry);
      const details = entry.seq === 7 ? { ...entry.details, to: 'owner' } : entry.details;
      forged.push(sealEntry({ ...chained, details, prevHash: forged.at(-1)!.hash }, sha256Hex));
    }
    expect(verify(forged).firstBreak).toBeNull();
    expect(verify(forged, [checkpoint]).firstBreak).toMatchObject({ seq: 12, reason: 'checkpoint_mismatch' });
  });

  it('should name the first cut-off entry when the chain ends before its checkpoint', () => {
    expect(verify(entries.slice(0, 9), [checkpoint]).firstBreak).toMatchObject({ _id: entries[9]!._id, seq: 10, reason: 'missing' });
  });
});
