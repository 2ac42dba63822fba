import type { FlowDocument } from '../../../shared/flows/index.ts';

/** A start joined to an end, as a new flow is. */
export const blankDocument: FlowDocument = {
  metadata: { schemaVersion: '2.0', flowName: 'Blank', version: '1.0.0', tags: [], personas: [] },
  nodes: [
    { id: 'start', type: 'start', title: 'Start', position: { x: 0, y: 0 } },
    { id: 'end', type: 'end', title: 'End', position: { x: 0, y: 200 } },
  ],
  edges: [{ id: 'start-end', source: 'start', target: 'end', trigger: 'onLoad' }],
  frames: [],
};
