import type { FlowDocument } from '../schema.ts';

/** A new flow without a template: a start joined to an end, which is valid and warns about nothing. */
export const blankFlow = (name: string, description: string | undefined): FlowDocument => ({
  metadata: {
    schemaVersion: '2.0',
    flowName: name,
    ...(description === undefined ? {} : { description }),
    version: '1.0.0',
    tags: [],
    personas: [],
  },
  nodes: [
    { id: 'start', type: 'start', title: 'Start', position: { x: 0, y: 0 } },
    { id: 'end', type: 'end', title: 'End', position: { x: 0, y: 200 } },
  ],
  edges: [{ id: 'start-end', source: 'start', target: 'end', trigger: 'onLoad' }],
  frames: [],
});

/** Replaces the name (and the description when given) of a document taken from a template or another flow. */
export const renamed = (doc: FlowDocument, name: string, description?: string): FlowDocument => ({
  ...doc,
  metadata: { ...doc.metadata, flowName: name, ...(description === undefined ? {} : { description }) },
});
