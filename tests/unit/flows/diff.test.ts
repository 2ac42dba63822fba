import { describe, expect, it } from 'vitest';
import { diffFlows, isEmptyDiff, type FlowDocument } from '../../../shared/flows/index.ts';
import { validFlow } from './fixtures.ts';

const edit = (change: (doc: FlowDocument) => void): FlowDocument => {
  const doc = validFlow();
  change(doc);
  return doc;
};

describe('diffFlows', () => {
  it('should report nothing when both documents are equal up to key order', () => {
    const reordered = edit((doc) => {
      doc.nodes[0] = { position: { y: 0, x: 0 }, title: 'Start', type: 'start', id: 'start' };
    });
    expect(isEmptyDiff(diffFlows(validFlow(), reordered))).toBe(true);
  });

  it('should list added, removed and changed nodes with dot paths when nodes differ', () => {
    const b = edit((doc) => {
      doc.nodes = doc.nodes.filter((node) => node.id !== 'end');
      doc.nodes.push({ id: 'help', type: 'note', title: 'Help', position: { x: 5, y: 5 } });
      const login = doc.nodes[1]!;
      login.position.x = 40;
      if (login.type === 'screen') login.data = { elements: [{ id: 'submit_btn', type: 'button', label: 'Log in' }] };
    });
    expect(diffFlows(validFlow(), b).nodes).toEqual({
      added: ['help'],
      removed: ['end'],
      changed: [
        {
          id: 'login',
          fields: [
            { path: 'data.elements.0.label', from: 'Sign in', to: 'Log in' },
            { path: 'position.x', from: 0, to: 40 },
          ],
        },
      ],
    });
  });

  it('should report a field that appears or disappears as one change with the whole value when an edge gains or loses it', () => {
    const b = edit((doc) => {
      doc.edges[0]!.label = 'go';
      delete doc.edges[4]!.animated;
      doc.edges.splice(1, 1);
    });
    expect(diffFlows(validFlow(), b).edges).toEqual({
      added: [],
      removed: ['e2'],
      changed: [
        { id: 'e1', fields: [{ path: 'label', from: undefined, to: 'go' }] },
        { id: 'e5', fields: [{ path: 'animated', from: true, to: undefined }] },
      ],
    });
  });

  it('should compare frame members by index when a frame changes', () => {
    const b = edit((doc) => {
      doc.frames[0]!.nodeIds = ['submit'];
      doc.frames.push({ id: 'frm_x', title: 'X', position: { x: 0, y: 0 }, size: { width: 1, height: 1 }, nodeIds: [] });
    });
    expect(diffFlows(validFlow(), b).frames).toEqual({
      added: ['frm_x'],
      removed: [],
      changed: [
        {
          id: 'frm_auth',
          fields: [
            { path: 'nodeIds.0', from: 'login', to: 'submit' },
            { path: 'nodeIds.1', from: 'submit', to: undefined },
          ],
        },
      ],
    });
  });

  it('should diff personas by id and the rest of the metadata by field when the metadata changes', () => {
    const b = edit((doc) => {
      doc.metadata.personas = [
        { id: 'per_visitor', name: 'Guest' },
        { id: 'per_admin', name: 'Admin' },
      ];
      doc.metadata.globalSettings = { ...doc.metadata.globalSettings, theme: 'dark' };
      doc.metadata.tags = [];
    });
    const diff = diffFlows(validFlow(), b);
    expect(diff.personas).toEqual({
      added: ['per_admin'],
      removed: [],
      changed: [{ id: 'per_visitor', fields: [{ path: 'name', from: 'Visitor', to: 'Guest' }] }],
    });
    expect(diff.metadata.changed).toEqual([
      { path: 'globalSettings.theme', from: 'light', to: 'dark' },
      { path: 'tags.0', from: 'auth', to: undefined },
    ]);
  });
});
