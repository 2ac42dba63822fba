import type { FlowOperation } from '../../shared/flows/index.ts';

/** On the blank flow (start → end): a welcome screen between them, as four operations. */
export const insertWelcome = (id = 'welcome'): FlowOperation[] => [
  { type: 'ADD_NODE', node: { id, type: 'screen', title: 'Welcome', position: { x: 0, y: 0 } } },
  { type: 'DELETE_EDGE', id: 'start-end' },
  { type: 'ADD_EDGE', edge: { id: `start-${id}`, source: 'start', target: id, trigger: 'onLoad' } },
  { type: 'ADD_EDGE', edge: { id: `${id}-end`, source: id, target: 'end', trigger: 'onSubmit' } },
];

/** The message the operations above answer (it names the start node, so they are in scope). */
export const welcomeMessage = 'Add a welcome screen after the start';
