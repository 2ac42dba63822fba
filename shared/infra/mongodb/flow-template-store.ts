import type { Db, Filter } from 'mongodb';
import {
  flowDocumentSchema,
  type WorkspaceTemplate,
  type WorkspaceTemplateStore,
  type WorkspaceTemplateSummary,
} from '../../flows/index.ts';
import { defineCollection } from './collection.ts';

export const flowTemplateCollection = defineCollection({
  name: 'flow_templates',
  privacy: {
    classes: ['user-content', 'pseudonymous'],
    personalData: ['content', 'identity'],
    retention: 'workspace',
    subject: { workspaceId: 'workspaceId', userId: 'createdBy' },
    export: 'records',
    erase: 'with-workspace',
  },
  indexes: [
    { name: 'flow_templates_workspace', keys: { workspaceId: 1 } },
    // The template list pages a workspace's templates newest first (a sorted scan on FerretDB, this on MongoDB).
    { name: 'flow_templates_workspace_created', keys: { workspaceId: 1, createdAt: -1, _id: -1 } },
  ],
});

interface FlowTemplateDocument extends Omit<WorkspaceTemplate, 'id' | 'document'> {
  _id: string;
  schemaVersion: 1;
  /** JSON text, as in `flow_versions`. */
  documentJson: string;
  /** For the list, which never reads the document; absent on templates saved before it existed. */
  nodeCount?: number;
}

const toTemplate = ({ _id, schemaVersion: _s, documentJson, nodeCount: _n, ...rest }: FlowTemplateDocument): WorkspaceTemplate => ({
  ...rest,
  id: _id,
  document: flowDocumentSchema.parse(JSON.parse(documentJson)),
});

/** The node count of stored JSON, without validating it (a template saved under older rules still lists). */
const countNodes = (documentJson: string): number => {
  try {
    const nodes = (JSON.parse(documentJson) as { nodes?: unknown }).nodes;
    return Array.isArray(nodes) ? nodes.length : 0;
  } catch {
    return 0;
  }
};

export const createFlowTemplateStore = (db: Db): WorkspaceTemplateStore => {
  const templates = flowTemplateCollection.in<FlowTemplateDocument>(db);
  /** Node counts of templates saved before `nodeCount` was stored (read once each, then stored). */
  const legacyCounts = async (ids: string[]): Promise<Map<string, number>> => {
    if (ids.length === 0) return new Map();
    const found = await templates.find({ _id: { $in: ids } }, { projection: { documentJson: 1 } }).toArray();
    return new Map(found.map((doc) => [doc._id, countNodes(doc.documentJson)]));
  };
  return {
    insert: async ({ id, document, ...rest }) => {
      await templates.insertOne({
        ...rest,
        _id: id,
        schemaVersion: 1,
        documentJson: JSON.stringify(document),
        nodeCount: document.nodes.length,
      });
    },
    find: async (id) => {
      const found = await templates.findOne({ _id: id });
      return found ? toTemplate(found) : null;
    },
    listSummaries: async (workspaceId, { after, limit }) => {
      const filter: Filter<FlowTemplateDocument> = { workspaceId };
      if (after !== null) filter.$or = [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id } }];
      const found = await templates
        .find(filter, { projection: { documentJson: 0 } })
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit)
        .toArray();
      const counts = await legacyCounts(found.filter((doc) => doc.nodeCount === undefined).map((doc) => doc._id));
      return found.map(({ _id, schemaVersion: _s, documentJson: _d, nodeCount, ...rest }): WorkspaceTemplateSummary => ({
        ...rest,
        id: _id,
        nodeCount: nodeCount ?? counts.get(_id) ?? 0,
      }));
    },
  };
};
