import { z } from 'zod';

/** Node types of the 1.x dialect, with their 2.0 names. */
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

const v1Id = z.union([z.string().min(1), z.number()]).transform(String);
const bag = z.record(z.string(), z.unknown());

/** Data each type needs, as the earlier backend required it (it refused a document without). */
const requiredData: Partial<Record<V1NodeType, { key: string; what: string; check: (value: unknown) => boolean }>> = {
  'API Call': { key: 'url', what: 'an API call needs data.url', check: (value) => typeof value === 'string' && value.trim() !== '' },
  Decision: {
    key: 'condition',
    what: 'a decision needs data.condition',
    check: (value) => typeof value === 'string' && value.trim() !== '',
  },
  Component: {
    key: 'componentId',
    what: 'a component needs data.componentId',
    check: (value) => typeof value === 'string' && value !== '',
  },
};

const v1NodeSchema = z
  .looseObject({ id: v1Id, type: z.enum(Object.keys(v1NodeTypes) as [V1NodeType, ...V1NodeType[]]), data: bag.optional() })
  .superRefine((node, context) => {
    const data = node.data ?? {};
    const needed = requiredData[node.type];
    if (needed && !needed.check(data[needed.key])) context.addIssue({ code: 'custom', message: needed.what, path: ['data', needed.key] });
    if ((node.type === 'Screen' || node.type === 'Popup') && data.elements !== undefined && !Array.isArray(data.elements)) {
      context.addIssue({ code: 'custom', message: 'data.elements must be a list', path: ['data', 'elements'] });
    }
  });

/**
 * The 1.x dialect as the earlier backend stored and exported it: `{metadata, nodes, edges}`; a node is
 * `{id, type, position?, data?}` with its name in `data.title` or `data.label`; an edge keeps its trigger and label in
 * `data`. Only what that backend refused is refused here; every other field is read by the migration (loose objects).
 */
export const v1DocumentSchema = z.looseObject({
  metadata: z.looseObject({ flowName: z.string().trim().min(1, 'flowName is required') }),
  nodes: z.array(v1NodeSchema),
  edges: z.array(z.looseObject({ id: v1Id, source: v1Id, target: v1Id, data: z.unknown().optional() })),
});
export type V1Document = z.infer<typeof v1DocumentSchema>;
export type V1Node = V1Document['nodes'][number];
