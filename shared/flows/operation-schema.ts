import { z } from 'zod';
import {
  figmaLinkSchema,
  flowEdgeSchema,
  flowFrameSchema,
  flowItemIdSchema,
  flowNodeSchema,
  globalSettingsSchema,
  personaSchema,
  positionSchema,
  styleSchema,
  nodeDataSchema,
  nodeSizeSchema,
  uiMetadataSchema,
} from './schema.ts';

const ids = z.array(flowItemIdSchema).min(1);

/** Node fields an UPDATE_NODE may change; the result is checked against the node schema of its type. Frame membership moves through frame operations. */
export const nodeChangesSchema = z
  .object({
    title: z.string(),
    description: z.string(),
    position: positionSchema,
    size: nodeSizeSchema,
    style: styleSchema,
    personaIds: z.array(flowItemIdSchema),
    isPinned: z.boolean(),
    uiMetadata: uiMetadataSchema,
    data: nodeDataSchema,
  })
  .partial();

export const alignModes = ['horizontal', 'vertical', 'grid'] as const;
export const layoutAlgorithms = ['hierarchical', 'force'] as const;

/** The wire format of one operation: an object with `type` and its payload (docs/product.md, "Operations"). */
export const flowOperationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ADD_NODE'), node: flowNodeSchema }),
  z.object({ type: z.literal('UPDATE_NODE'), id: flowItemIdSchema, changes: nodeChangesSchema }),
  z.object({ type: z.literal('DELETE_NODE'), id: flowItemIdSchema }),
  z.object({ type: z.literal('ADD_EDGE'), edge: flowEdgeSchema }),
  z.object({ type: z.literal('UPDATE_EDGE'), id: flowItemIdSchema, changes: flowEdgeSchema.omit({ id: true }).partial() }),
  z.object({ type: z.literal('DELETE_EDGE'), id: flowItemIdSchema }),
  z.object({ type: z.literal('ADD_FRAME'), frame: flowFrameSchema }),
  z.object({ type: z.literal('UPDATE_FRAME'), id: flowItemIdSchema, changes: flowFrameSchema.omit({ id: true }).partial() }),
  z.object({ type: z.literal('DELETE_FRAME'), id: flowItemIdSchema }),
  z.object({ type: z.literal('GROUP_NODES'), nodeIds: ids, title: z.string().min(1).max(100), frameId: flowItemIdSchema.optional() }),
  z.object({
    type: z.literal('UPDATE_METADATA'),
    changes: z
      .object({ flowName: z.string(), description: z.string(), tags: z.array(z.string()), globalSettings: globalSettingsSchema })
      .partial(),
  }),
  z.object({ type: z.literal('CREATE_PERSONA'), persona: personaSchema.partial({ id: true }) }),
  z.object({ type: z.literal('DELETE_PERSONA'), id: flowItemIdSchema }),
  z.object({ type: z.literal('ASSIGN_PERSONA'), personaId: flowItemIdSchema, nodeIds: ids }),
  z.object({ type: z.literal('LINK_FIGMA'), nodeId: flowItemIdSchema, figmaLink: figmaLinkSchema }),
  z.object({ type: z.literal('ADD_ANNOTATION'), nodeId: flowItemIdSchema, text: z.string().min(1).max(2000) }),
  z.object({ type: z.literal('ALIGN_NODES'), nodeIds: ids, mode: z.enum(alignModes) }),
  z.object({ type: z.literal('AUTO_LAYOUT'), algorithm: z.enum(layoutAlgorithms) }),
]);
export type FlowOperation = z.infer<typeof flowOperationSchema>;
export type FlowOperationType = FlowOperation['type'];
export type OperationOf<T extends FlowOperationType> = Extract<FlowOperation, { type: T }>;

/** A batch as sent by clients and the AI; applied all or nothing. */
export const flowOperationsSchema = z
  .array(flowOperationSchema)
  .min(1)
  .max(1000)
  // Layout is the one costly operation (seconds on large flows); once per batch is all a client needs.
  .refine((ops) => ops.filter((op) => op.type === 'AUTO_LAYOUT').length <= 1, { message: 'at most one AUTO_LAYOUT per batch' });
