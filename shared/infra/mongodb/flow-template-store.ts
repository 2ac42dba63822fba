import type { Db } from 'mongodb';
import { flowDocumentSchema, type WorkspaceTemplate, type WorkspaceTemplateStore } from '../../flows/index.ts';
import { defineCollection } from './collection.ts';

export const flowTemplateCollection = defineCollection({
  name: 'flow_templates',
  indexes: [{ name: 'flow_templates_workspace', keys: { workspaceId: 1 } }],
});

interface FlowTemplateDocument extends Omit<WorkspaceTemplate, 'id' | 'document'> {
  _id: string;
  schemaVersion: 1;
  /** JSON text, as in `flow_versions`. */
  documentJson: string;
}

const toTemplate = ({ _id, schemaVersion: _s, documentJson, ...rest }: FlowTemplateDocument): WorkspaceTemplate => ({
  ...rest,
  id: _id,
  document: flowDocumentSchema.parse(JSON.parse(documentJson)),
});

export const createFlowTemplateStore = (db: Db): WorkspaceTemplateStore => {
  const templates = flowTemplateCollection.in<FlowTemplateDocument>(db);
  return {
    insert: async ({ id, document, ...rest }) => {
      await templates.insertOne({ ...rest, _id: id, schemaVersion: 1, documentJson: JSON.stringify(document) });
    },
    find: async (id) => {
      const found = await templates.findOne({ _id: id });
      return found ? toTemplate(found) : null;
    },
    listByWorkspace: async (workspaceId) =>
      (await templates.find({ workspaceId }).toArray()).map(toTemplate).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()),
  };
};
