import { boundingBox } from '../geometry.ts';
import type { FlowDocument, FlowEdge, FlowFrame, FlowNode, Persona, UiMetadata } from '../schema.ts';

/**
 * Grid pitch in px. Cards are 200 × 80 (the default) and screens 200 × 120, so neighbouring cells leave 60 px,
 * enough for two frames' 20 px padding without touching. Every coordinate stays on the 20 px snap grid.
 */
export const gridPitch = { x: 260, y: 180 } as const;
const gridSize = 20;
const framePadding = 20;
const screenSize = { width: 200, height: 120 } as const;

export interface NodeSpec {
  id: string;
  title: string;
  /** Grid cell: column from the left, row from the top (the flow reads top to bottom). */
  at: readonly [column: number, row: number];
  description?: string;
  personaIds?: string[];
  uiMetadata?: UiMetadata;
}

type ScreenElement = { id: string; type: string; label: string };
type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const place = ({ at: [column, row], ...rest }: NodeSpec) => ({ ...rest, position: { x: column * gridPitch.x, y: row * gridPitch.y } });

export const start = (spec: NodeSpec): FlowNode => ({ ...place(spec), type: 'start' });
export const end = (spec: NodeSpec): FlowNode => ({ ...place(spec), type: 'end' });
export const action = (spec: NodeSpec): FlowNode => ({ ...place(spec), type: 'action' });
export const note = (spec: NodeSpec): FlowNode => ({ ...place(spec), type: 'note' });

export const screen = ({ elements, ...spec }: NodeSpec & { elements: ScreenElement[] }): FlowNode => ({
  ...place(spec),
  type: 'screen',
  size: { ...screenSize },
  data: { elements },
});

export const popup = ({ elements, ...spec }: NodeSpec & { elements: ScreenElement[] }): FlowNode => ({
  ...place(spec),
  type: 'popup',
  size: { ...screenSize },
  data: { elements },
});

export const decision = ({ condition, ...spec }: NodeSpec & { condition: string }): FlowNode => ({
  ...place(spec),
  type: 'decision',
  data: { condition },
});

/** A many-way branch: each output needs an edge naming it in `sourceHandle` (see `branch`). */
export const condition = ({ conditions, ...spec }: NodeSpec & { conditions: { id: string; label: string }[] }): FlowNode => ({
  ...place(spec),
  type: 'condition',
  data: { conditions },
});

export const apiCall = ({ method, url, ...spec }: NodeSpec & { method: HttpMethod; url: string }): FlowNode => ({
  ...place(spec),
  type: 'api-call',
  data: { method, url },
});

/** A screen or popup element; `type` is free text (button, input, link, toggle…). */
export const element = (type: string, id: string, label: string): ScreenElement => ({ id, type, label });

/** The trigger of an edge followed when the source screen's element `elementId` is clicked. */
export const click = (elementId: string): string => `onClick(${elementId})`;

export type EdgeSpec = Omit<FlowEdge, 'id'>;
type EdgeExtras = Pick<FlowEdge, 'label' | 'type' | 'animated'>;

export const edge = (source: string, target: string, trigger?: string, extras: EdgeExtras = {}): EdgeSpec => ({
  source,
  target,
  ...(trigger === undefined ? {} : { trigger }),
  ...extras,
});

/** The edge taken when condition node `source` resolves to its output `output`. */
export const branch = (source: string, output: string, target: string, extras: EdgeExtras = {}): EdgeSpec => ({
  source,
  target,
  sourceHandle: output,
  ...extras,
});

export interface FrameSpec {
  id: string;
  title: string;
  nodeIds: string[];
}

export interface TemplateSpec {
  /** A stable slug; workspace templates use `tpl_…`, so `builtin-` ids never collide with them. */
  id: `builtin-${string}`;
  name: string;
  description: string;
  category: string;
  tags: string[];
  personas: Persona[];
  nodes: FlowNode[];
  edges: EdgeSpec[];
  frames: FrameSpec[];
}

export interface TemplateDefinition {
  id: string;
  name: string;
  description: string;
  category: string;
  /** Deep-frozen master copy; hand callers a clone. */
  document: Readonly<FlowDocument>;
}

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
};

/** Frame boxes are drawn around their members, and members get `frameId`, so the two never disagree. */
const frameDocument = (nodes: FlowNode[], frames: FrameSpec[]): Pick<FlowDocument, 'nodes' | 'frames'> => {
  const frameOf = new Map(frames.flatMap((frame) => frame.nodeIds.map((nodeId) => [nodeId, frame.id] as const)));
  const framed = nodes.map((node) => {
    const frameId = frameOf.get(node.id);
    return frameId === undefined ? node : { ...node, frameId };
  });
  const builtFrames = frames.map((frame): FlowFrame => {
    const { x, y, width, height } = boundingBox(
      framed.filter((node) => node.frameId === frame.id),
      framePadding,
    );
    return { id: frame.id, title: frame.title, position: { x, y }, size: { width, height }, nodeIds: [...frame.nodeIds] };
  });
  return { nodes: framed, frames: builtFrames };
};

/** Assembles a template: edge ids `e1…` in order, frames around their nodes, metadata at version 1.0.0. */
export const defineTemplate = (spec: TemplateSpec): TemplateDefinition => {
  const { id, name, description, category, tags, personas } = spec;
  const { nodes, frames } = frameDocument(spec.nodes, spec.frames);
  const document: FlowDocument = {
    metadata: {
      schemaVersion: '2.0',
      flowName: name,
      description,
      version: '1.0.0',
      tags,
      personas,
      globalSettings: { gridSize, snapToGrid: true, theme: 'light', showMinimap: true, showControls: true },
    },
    nodes,
    edges: spec.edges.map((edgeSpec, index) => ({ id: `e${index + 1}`, ...edgeSpec })),
    frames,
  };
  return { id, name, description, category, document: deepFreeze(document) };
};
