import { rejectOperation } from './errors.ts';
import { requireNewId, requireNode, requireNodes } from './lookup.ts';
import type { OperationContext } from './operation-context.ts';
import type { OperationOf } from './operation-schema.ts';
import { type FlowDocument, flowMetadataSchema } from './schema.ts';

/** Changes name, description, tags or global settings; `schemaVersion`, `version` and personas are not changed here. */
export const updateMetadata = (doc: FlowDocument, { changes }: OperationOf<'UPDATE_METADATA'>): void => {
  const globalSettings = changes.globalSettings
    ? { ...doc.metadata.globalSettings, ...changes.globalSettings }
    : doc.metadata.globalSettings;
  const parsed = flowMetadataSchema.safeParse({ ...doc.metadata, ...changes, globalSettings });
  if (!parsed.success) return rejectOperation('METADATA_INVALID', parsed.error.issues.map((found) => found.message).join('; '));
  doc.metadata = parsed.data;
};

export const createPersona = (doc: FlowDocument, { persona }: OperationOf<'CREATE_PERSONA'>, ctx: OperationContext): void => {
  const personas = doc.metadata.personas ?? [];
  const id = persona.id ?? ctx.newId('per');
  requireNewId(personas, id, 'persona');
  doc.metadata.personas = [...personas, { ...persona, id }];
};

/** Removes the persona and every node's reference to it. */
export const deletePersona = (doc: FlowDocument, { id }: OperationOf<'DELETE_PERSONA'>): void => {
  const personas = doc.metadata.personas ?? [];
  if (!personas.some((persona) => persona.id === id)) rejectOperation('PERSONA_NOT_FOUND', `No persona "${id}".`);
  doc.metadata.personas = personas.filter((persona) => persona.id !== id);
  for (const node of doc.nodes) if (node.personaIds?.includes(id)) node.personaIds = node.personaIds.filter((other) => other !== id);
};

/** Adds the persona to each node (idempotent). */
export const assignPersona = (doc: FlowDocument, { personaId, nodeIds }: OperationOf<'ASSIGN_PERSONA'>): void => {
  if (!(doc.metadata.personas ?? []).some((persona) => persona.id === personaId))
    rejectOperation('PERSONA_NOT_FOUND', `No persona "${personaId}".`);
  for (const node of requireNodes(doc, nodeIds))
    if (!node.personaIds?.includes(personaId)) node.personaIds = [...(node.personaIds ?? []), personaId];
};

export const linkFigma = (doc: FlowDocument, { nodeId, figmaLink }: OperationOf<'LINK_FIGMA'>): void => {
  const node = requireNode(doc, nodeId);
  node.uiMetadata = { ...node.uiMetadata, figmaLink };
};

/** Appends an annotation with a new id and the current time from `ctx`. */
export const addAnnotation = (doc: FlowDocument, { nodeId, text }: OperationOf<'ADD_ANNOTATION'>, ctx: OperationContext): void => {
  const node = requireNode(doc, nodeId);
  const annotation = { id: ctx.newId('ann'), text, createdAt: ctx.now().toISOString() };
  node.uiMetadata = { ...node.uiMetadata, annotations: [...(node.uiMetadata?.annotations ?? []), annotation] };
};
