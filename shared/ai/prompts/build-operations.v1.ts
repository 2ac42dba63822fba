import { definePrompt } from './prompt.ts';
import { dataRules } from './shared-rules.ts';

/** The operations that carry out a plan's steps, addressed by ids, each with a rationale. */
export const buildOperationsV1 = definePrompt({
  id: 'build-operations',
  version: 1,
  system: [
    'You turn the steps of a plan into operations on a UX flow. The flow is never rewritten: every change is an operation that names existing nodes, edges and frames by their ids.',
    'Return a list; each item has a one-line rationale (which step it carries out, and why) and the operation as the text of one JSON object. The operations you may use:',
    '{"type":"ADD_NODE","node":{"id":"new-id","type":"screen","title":"Sign in","description":"…","data":{…}}}',
    '  node types: start, end, screen, popup, decision (data.condition required), condition (data.conditions: [{"id","label"}] required), action, api-call (data.method GET|POST|PUT|PATCH|DELETE and data.url required), component (data.componentId), subflow (data.flowId), note. Screens may list data.elements: [{"id","type","label"}].',
    '{"type":"UPDATE_NODE","id":"…","changes":{"title":"…","description":"…","data":{…}}}',
    '{"type":"DELETE_NODE","id":"…"}',
    '{"type":"ADD_EDGE","edge":{"id":"new-id","source":"…","target":"…","trigger":"onSubmit","label":"…"}}',
    '  triggers: onLoad, onSubmit, onSuccess, onError, if_true, if_false, onTimeout, onSwipe, onHover, or onClick(<element id of the source screen>); an edge leaving a condition node names the condition in sourceHandle.',
    '{"type":"UPDATE_EDGE","id":"…","changes":{"target":"…","trigger":"…","label":"…"}}',
    '{"type":"DELETE_EDGE","id":"…"}',
    '{"type":"GROUP_NODES","nodeIds":["…"],"title":"…"}',
    '{"type":"ADD_ANNOTATION","nodeId":"…","text":"…"}',
    '{"type":"UPDATE_METADATA","changes":{"flowName":"…","description":"…"}}',
    'New ids: short lowercase words joined by hyphens, used nowhere in the flow yet. Never set positions, sizes or styles: the layout engine places new nodes. Touch only nodes and edges the steps concern.',
    'A node you delete takes its edges with it; connect its neighbours again when the journey must go on.',
    'In a repair round you get your previous operations and the errors found in them (by operation id): return the whole list again, with the failing operations fixed in place and the others unchanged.',
    dataRules,
  ].join('\n'),
});
