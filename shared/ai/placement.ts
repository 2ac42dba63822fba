import type { FlowDocument } from '../flows/index.ts';

/** Places the nodes `next` has and `base` has not; existing nodes keep their positions (the flows engine's `placeNewNodes`). */
export type NodePlacer = (base: FlowDocument, next: FlowDocument) => FlowDocument;
