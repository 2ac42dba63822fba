import { describe, expect, it } from 'vitest';
import { migrateV1, validateFlow } from '../../../shared/flows/index.ts';
import { limits, outcomeOf, v1Login } from './fixtures.ts';

describe('migrateV1', () => {
  it('should produce a 2.0 document without validation errors when a 1.x login flow is migrated', () => {
    const { document } = migrateV1(v1Login());
    expect(document.metadata).toMatchObject({ schemaVersion: '2.0', version: '1.0.0', flowName: 'Login' });
    expect(document.nodes.map((node) => node.type)).toEqual(['start', 'screen', 'api-call', 'decision', 'end']);
    expect(document.frames).toEqual([]);
    expect(validateFlow(document, limits).errors).toEqual([]);
  });

  it('should fill required 2.0 data and normalise triggers when 1.x left them loose', () => {
    const { document } = migrateV1(v1Login());
    expect(document.nodes[1]).toMatchObject({ data: { elements: [{ id: 'submit_btn', label: 'Sign in' }] } });
    expect(document.nodes[2]).toMatchObject({ data: { method: 'POST', url: '/login' } });
    expect(document.nodes[3]).toMatchObject({ data: { condition: 'Credentials ok?' } });
    expect(document.edges.map((edge) => edge.trigger)).toEqual(['onLoad', 'onClick(submit_btn)', undefined, 'if_true', 'if_false']);
    expect(document.edges[2]).not.toHaveProperty('type');
  });

  it('should describe every change when a 1.x document is migrated', () => {
    expect(migrateV1(v1Login()).changes).toEqual([
      'metadata.schemaVersion: "1.2" → "2.0"',
      'metadata.version: 3 → "1.0.0"',
      'node login: data legacy dropped (2.0 keeps only elements)',
      'node ok: decision without a condition; its title is used',
      'node types: 1 × Start → start, 1 × Screen → screen, 1 × API Call → api-call, 1 × Decision → decision, 1 × End → end',
      'edge e1: trigger "onload" renamed to "onLoad"',
      'edge e3: trigger "whenever" dropped (not a 2.0 trigger)',
      'edge e3: type "bezier" dropped',
      'frames: none in 1.x; an empty list was added',
    ]);
  });

  it('should map Popup, Component and Note and fix empty titles when they appear', () => {
    const v1 = v1Login();
    v1.nodes.push(
      { id: 'pop', type: 'Popup', title: 'Sure?', position: { x: 1, y: 1 } },
      { id: 'cmp', type: 'Component', title: '', position: { x: 2, y: 2 } },
      { id: 'tip', type: 'Note', title: 'Remember me later', position: { x: 3, y: 3 } },
    );
    const { document, changes } = migrateV1(v1);
    expect(document.nodes.slice(5)).toMatchObject([
      { type: 'popup' },
      { type: 'component', title: 'Component', data: { componentId: 'cmp' } },
      { type: 'note' },
    ]);
    expect(changes).toContain('node cmp: empty title replaced by "Component"');
  });

  it.each([
    ['a 2.0 document', { ...v1Login(), metadata: { schemaVersion: '2.0', flowName: 'x' } }],
    ['an unknown node type', { ...v1Login(), nodes: [{ id: 's', type: 'Loop', title: 'L', position: { x: 0, y: 0 } }] }],
    [
      'a node too large for 2.0',
      { ...v1Login(), nodes: [{ id: 's', type: 'Start', title: 'S', position: { x: 0, y: 0 }, size: { width: 9999, height: 40 } }] },
    ],
    ['not an object', 'flow'],
  ])('should refuse with FLOW_IMPORT_INVALID when the input is %s', (_name, raw) => {
    expect(outcomeOf(() => migrateV1(raw)).code).toBe('FLOW_IMPORT_INVALID');
  });
});
