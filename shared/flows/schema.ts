import { z } from 'zod';
import { flowItemIdSchema, flowNodeSchema, positionSchema, styleSchema } from './node-schema.ts';

export * from './node-schema.ts';

export const semverPattern = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export const personaSchema = z.object({
  id: flowItemIdSchema,
  name: z.string().min(1).max(100),
  description: z.string().max(2000).optional(),
  color: z.string().max(50).optional(),
});
export type Persona = z.infer<typeof personaSchema>;

export const globalSettingsSchema = z.object({
  gridSize: z.number().int().min(1).max(200).optional(),
  snapToGrid: z.boolean().optional(),
  theme: z.enum(['light', 'dark']).optional(),
  showMinimap: z.boolean().optional(),
  showControls: z.boolean().optional(),
});
export type GlobalSettings = z.infer<typeof globalSettingsSchema>;

export const flowMetadataSchema = z.object({
  schemaVersion: z.literal('2.0'),
  flowName: z.string().min(1).max(100),
  description: z.string().max(2000).optional(),
  /** Semver, managed by the server (operations never change it). */
  version: z.string().regex(semverPattern, 'a semantic version such as 1.0.0'),
  tags: z.array(z.string().min(1).max(50)).max(20).optional(),
  personas: z.array(personaSchema).optional(),
  globalSettings: globalSettingsSchema.optional(),
});
export type FlowMetadata = z.infer<typeof flowMetadataSchema>;

export const fixedTriggers = [
  'onLoad',
  'onSubmit',
  'onSuccess',
  'onError',
  'if_true',
  'if_false',
  'onTimeout',
  'onSwipe',
  'onHover',
] as const;
/** `onClick(<elementId>)`: the element of the source screen whose click follows the edge. */
export const onClickTriggerPattern = /^onClick\([A-Za-z0-9_-]{1,100}\)$/;
export const edgeTriggerSchema = z.union([z.enum(fixedTriggers), z.string().regex(onClickTriggerPattern, 'onClick(<elementId>)')]);
export const edgeTypes = ['default', 'straight', 'step', 'smoothstep'] as const;

export const flowEdgeSchema = z.object({
  id: flowItemIdSchema,
  source: flowItemIdSchema,
  target: flowItemIdSchema,
  /** For an edge leaving a `condition` node: the id of one of its conditions. */
  sourceHandle: z.string().max(100).optional(),
  targetHandle: z.string().max(100).optional(),
  label: z.string().max(200).optional(),
  trigger: edgeTriggerSchema.optional(),
  type: z.enum(edgeTypes).optional(),
  animated: z.boolean().optional(),
});
export type FlowEdge = z.infer<typeof flowEdgeSchema>;

export const flowFrameSchema = z.object({
  id: flowItemIdSchema,
  title: z.string().min(1).max(100),
  position: positionSchema,
  size: z.object({ width: z.number().positive(), height: z.number().positive() }),
  style: styleSchema.optional(),
  /** Members; a node is in at most one frame and frames do not nest (limits are checked by `validateFlow`). */
  nodeIds: z.array(flowItemIdSchema),
});
export type FlowFrame = z.infer<typeof flowFrameSchema>;

/** A `.uxflow` document, schema version 2.0 (docs/product.md, "The `.uxflow` document"). */
export const flowDocumentSchema = z.object({
  metadata: flowMetadataSchema,
  nodes: z.array(flowNodeSchema),
  edges: z.array(flowEdgeSchema),
  frames: z.array(flowFrameSchema),
});
export type FlowDocument = z.infer<typeof flowDocumentSchema>;
