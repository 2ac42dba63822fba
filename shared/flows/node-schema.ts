import { z } from 'zod';
import { figmaHosts, nestsDeeperThan, webUrlSchema } from '../kernel/index.ts';

/** Ids inside a document: short, URL- and Mermaid-safe, so they can appear in `onClick(<elementId>)`. */
export const flowIdPattern = /^[A-Za-z0-9_-]{1,100}$/;
export const flowItemIdSchema = z.string().regex(flowIdPattern, 'letters, digits, "_" or "-", 1–100 characters');

export const nodeTypes = [
  'start',
  'end',
  'screen',
  'popup',
  'decision',
  'condition',
  'action',
  'api-call',
  'component',
  'subflow',
  'note',
] as const;
export type NodeType = (typeof nodeTypes)[number];

export const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });
export const nodeSizeSchema = z.object({ width: z.number().min(50).max(500), height: z.number().min(30).max(300) });
export const styleSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

export const variantTypes = ['loading', 'error', 'success', 'empty', 'custom'] as const;
export const completionStatuses = ['todo', 'in-progress', 'done'] as const;

export const annotationSchema = z.object({
  id: flowItemIdSchema,
  text: z.string().min(1).max(2000),
  /** ISO 8601 instant, set from the clock passed to `applyOperations`. */
  createdAt: z.iso.datetime().optional(),
});
export type Annotation = z.infer<typeof annotationSchema>;

/** A link to a Figma file, frame or prototype: `https:` on a Figma host only (members' clients open it). */
export const figmaLinkSchema = webUrlSchema({ hosts: figmaHosts });

export const uiMetadataSchema = z.object({
  figmaLink: figmaLinkSchema.optional(),
  /** Shown as an image in members' clients: `https:` only. */
  screenshotUrl: webUrlSchema().optional(),
  annotations: z.array(annotationSchema).optional(),
  variants: z.array(z.object({ id: flowItemIdSchema, name: z.string().min(1).max(100), type: z.enum(variantTypes) })).optional(),
  completionStatus: z.enum(completionStatuses).optional(),
});
export type UiMetadata = z.infer<typeof uiMetadataSchema>;

/** Fields every node has, whatever its type. */
const nodeBase = {
  id: flowItemIdSchema,
  title: z.string().min(1).max(100),
  description: z.string().max(2000).optional(),
  position: positionSchema,
  size: nodeSizeSchema.optional(),
  style: styleSchema.optional(),
  personaIds: z.array(flowItemIdSchema).optional(),
  /** The frame listing this node; kept in step with `frames[].nodeIds` by the operations. */
  frameId: flowItemIdSchema.optional(),
  isPinned: z.boolean().optional(),
  uiMetadata: uiMetadataSchema.optional(),
};

// `data` and elements are loose: keys a type does not define (e.g. `screenType`, an element's `placeholder`) are the
// user's and are kept, never stripped (documents from the earlier product carry such keys).
export const screenElementSchema = z.looseObject({ id: flowItemIdSchema, type: z.string().min(1).max(50), label: z.string().max(200) });
export const conditionOutputSchema = z.object({ id: flowItemIdSchema, label: z.string().max(200) });
export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** How deep a node's `data` may nest (`{}` is one level), its loose keys included: deeper JSON breaks every recursive walk of it. */
export const maxDataDepth = 32;
/** `schema` for a node's `data`, refused when it nests deeper than `maxDataDepth` (checked without recursion). */
const bounded = <T extends z.ZodType>(schema: T): T =>
  schema.refine((value) => !nestsDeeperThan(value, maxDataDepth), { message: `nests deeper than ${maxDataDepth} levels` });
/** Free-form `data` (start, end, action, note; and the changes of UPDATE_NODE). */
export const nodeDataSchema = bounded(z.record(z.string(), z.unknown()));
/**
 * How deep a document taken as a request body (validate, import; 2.0 or the 1.x dialect) may nest:
 * room for the deepest valid document (node data starts at level 4), bounded before any code walks it.
 */
export const maxDocumentDepth = 64;

const screenData = bounded(z.looseObject({ elements: z.array(screenElementSchema).optional() }));
const plainData = nodeDataSchema;

/** A node: the common fields plus `data` whose shape depends on `type`. */
export const flowNodeSchema = z.discriminatedUnion('type', [
  z.object({ ...nodeBase, type: z.literal('screen'), data: screenData.optional() }),
  z.object({ ...nodeBase, type: z.literal('popup'), data: screenData.optional() }),
  z.object({ ...nodeBase, type: z.literal('decision'), data: bounded(z.looseObject({ condition: z.string().min(1).max(1000) })) }),
  z.object({
    ...nodeBase,
    type: z.literal('condition'),
    data: bounded(z.looseObject({ conditions: z.array(conditionOutputSchema).min(1) })),
  }),
  z.object({
    ...nodeBase,
    type: z.literal('api-call'),
    // `url` documents the endpoint called, not a link we follow: a path (`/api/users/{id}`) or an http(s) URL.
    data: bounded(z.looseObject({ method: z.enum(httpMethods), url: webUrlSchema({ http: true, relative: true }).min(1) })),
  }),
  z.object({ ...nodeBase, type: z.literal('component'), data: bounded(z.looseObject({ componentId: z.string().min(1).max(100) })) }),
  z.object({ ...nodeBase, type: z.literal('subflow'), data: bounded(z.looseObject({ flowId: z.string().min(1).max(100) })) }),
  z.object({ ...nodeBase, type: z.enum(['start', 'end', 'action', 'note']), data: plainData.optional() }),
]);
export type FlowNode = z.infer<typeof flowNodeSchema>;
