import { z } from 'zod';
import { nodeTypes } from '../schema.ts';

/** Node types of the earlier web app: the 2.0 ones, `enhanced-screen` (a screen) and `frame` (frames were nodes there). */
export const webNodeTypes = [...nodeTypes, 'enhanced-screen', 'frame'] as const;

const webId = z.union([z.string().min(1), z.number()]).transform(String);

/**
 * The earlier web app's dialect ("2.x" in its code): lowercase types, top-level titles, frames as nodes. Only what
 * cannot be read at all is refused here; every other field is read by the migration (loose objects).
 */
export const webDocumentSchema = z.looseObject({
  metadata: z.looseObject({}),
  nodes: z.array(z.looseObject({ id: webId, type: z.enum(webNodeTypes) })),
  edges: z.array(z.looseObject({ id: webId, source: webId, target: webId })).default([]),
  frames: z.array(z.looseObject({ id: webId })).optional(),
});
export type WebDocument = z.infer<typeof webDocumentSchema>;
export type WebNode = WebDocument['nodes'][number];
