import { describe, expect, it } from 'vitest';
import { madeBy, maxRationaleLength, rationaleFor, readProvenance, type FlowOperation } from '../../../shared/flows/index.ts';
import { decodeVersion } from '../../../shared/infra/flows/version-codec.ts';

const user = { userId: 'usr_a', access: async () => 'granted' as const };
const via = { kind: 'proposal', proposalId: 'prp_1', model: 'm', promptId: 'architect@1', messageId: 'msg_1' } as const;
const operations: FlowOperation[] = [
  { type: 'ADD_NODE', node: { id: 'n1', type: 'screen', title: 'One', position: { x: 0, y: 0 } } },
  { type: 'GROUP_NODES', nodeIds: ['n1', 'start'], title: 'Group', frameId: 'f1' },
  { type: 'AUTO_LAYOUT', algorithm: 'hierarchical' },
];

describe('madeBy', () => {
  it('should record the user, or the API key they came with', () => {
    expect(madeBy(user)).toEqual({ authorId: 'usr_a', provenance: { kind: 'user', userId: 'usr_a' } });
    expect(madeBy({ ...user, apiKeyId: 'key_1' }).provenance).toEqual({ kind: 'apiKey', userId: 'usr_a', keyId: 'key_1' });
  });

  it('should record a proposal over the key, keeping one-line rationales by operation with the ids each names', () => {
    const long = 'x'.repeat(maxRationaleLength + 50);
    const rationales = { 0: ' Add the\n screen ', 1: long, 2: '   ', 9: 'outside the batch' };
    const made = madeBy({ ...user, apiKeyId: 'key_1' }, { proposal: { ...via, rationales }, operations });
    expect(made).toEqual({
      authorId: 'usr_a',
      provenance: {
        ...via,
        userId: 'usr_a',
        rationales: [
          { index: 0, ids: ['n1'], text: 'Add the screen' },
          { index: 1, ids: ['n1', 'start', 'f1'], text: 'x'.repeat(maxRationaleLength) },
        ],
      },
    });
    // The first operation naming the element gives its rationale.
    expect(rationaleFor(made.provenance, 'n1')).toBe('Add the screen');
    expect(rationaleFor(made.provenance, 'start')).toBe('x'.repeat(maxRationaleLength));
    expect(rationaleFor(made.provenance, 'end')).toBeNull();
  });
});

describe('reading stored provenance', () => {
  it('should read a version without provenance as its author’s, and refuse a malformed one', () => {
    expect(readProvenance(undefined, 'usr_a')).toEqual({ kind: 'user', userId: 'usr_a' });
    expect(() => readProvenance({ kind: 'proposal', userId: 'usr_a' }, 'usr_a')).toThrow();
  });

  it('should decode a cache entry written before provenance as the author’s, and drop one whose provenance is malformed', () => {
    const entry = {
      flowId: 'flw_1',
      workspaceId: 'wsp_1',
      versionNumber: 2,
      kind: 'edited',
      document: { metadata: { schemaVersion: '2.0', flowName: 'F', version: '2.0.0' }, nodes: [], edges: [], frames: [] },
      authorId: 'usr_a',
      createdAt: '2026-01-01T00:00:00.000Z',
      summary: { count: 0, byType: {}, text: '' },
      restoredFrom: null,
      sourceId: null,
    };
    expect(decodeVersion(JSON.stringify(entry))?.provenance).toEqual({ kind: 'user', userId: 'usr_a' });
    expect(decodeVersion(JSON.stringify({ ...entry, provenance: { kind: 'robot' } }))).toBeNull();
  });
});
