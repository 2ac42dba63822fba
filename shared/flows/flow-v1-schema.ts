import { z } from 'zod';
import { positionSchema, styleSchema } from './node-schema.ts';

/** Node types of the 1.x dialect (PRODUCT.md lists exactly these), with their 2.0 names. */
export const v1NodeTypes = {
  Start: 'start',
  End: 'end',
  Screen: 'screen',
  Popup: 'popup',
  'API Call': 'api-call',
  Decision: 'decision',
  Component: 'component',
  Note: 'note',
} as const;
export type V1NodeType = keyof typeof v1NodeTypes;

const v1NodeTypeSchema = z.enum(Object.keys(v1NodeTypes) as [V1NodeType, ...V1NodeType[]]);
const v1IdSchema = z.string().min(1).max(100);

/**
 * The `.uxflow` 1.x dialect, inferred from PRODUCT.md (no 1.x specification survives). Assumptions:
 * - `metadata.schemaVersion` is `"1"`, `"1.x"` or `"1.x.y"`; `flowName` is required; `version`, `tags`, `personas`
 *   and `globalSettings` may be present and are passed to the 2.0 rules as they are (a bad one fails the 2.0 check).
 * - Nodes have the 2.0 common fields (`id`, `title`, `position`, …) but a capitalised `type` and a loose `data` bag;
 *   there is no `frameId`, and `isPinned` / `uiMetadata` may be absent.
 * - Edges have the 2.0 fields, but `trigger` and `type` are free text.
 * - There are no frames; a `frames` key, like any other unknown key, is dropped.
 */
export const flowV1DocumentSchema = z.object({
  metadata: z.object({
    schemaVersion: z.string().regex(/^1(\.\d+){0,2}$/, 'a 1.x schema version'),
    flowName: z.string(),
    description: z.string().optional(),
    version: z.union([z.string(), z.number()]).optional(),
    tags: z.array(z.string()).optional(),
    personas: z
      .array(z.object({ id: v1IdSchema, name: z.string(), description: z.string().optional(), color: z.string().optional() }))
      .optional(),
    globalSettings: z.record(z.string(), z.unknown()).optional(),
  }),
  nodes: z.array(
    z.object({
      id: v1IdSchema,
      type: v1NodeTypeSchema,
      title: z.string(),
      description: z.string().optional(),
      position: positionSchema,
      size: z.object({ width: z.number(), height: z.number() }).optional(),
      style: styleSchema.optional(),
      personaIds: z.array(v1IdSchema).optional(),
      isPinned: z.boolean().optional(),
      uiMetadata: z.record(z.string(), z.unknown()).optional(),
      data: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  edges: z.array(
    z.object({
      id: v1IdSchema,
      source: v1IdSchema,
      target: v1IdSchema,
      sourceHandle: z.string().optional(),
      targetHandle: z.string().optional(),
      label: z.string().optional(),
      trigger: z.string().optional(),
      type: z.string().optional(),
      animated: z.boolean().optional(),
    }),
  ),
});
export type FlowV1Document = z.infer<typeof flowV1DocumentSchema>;
export type FlowV1Node = FlowV1Document['nodes'][number];
