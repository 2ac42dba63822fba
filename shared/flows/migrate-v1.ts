import { DomainError } from '../kernel/index.ts';
import { type FlowV1Document, type FlowV1Node, flowV1DocumentSchema, v1NodeTypes } from './flow-v1-schema.ts';
import { httpMethods } from './node-schema.ts';
import { type FlowDocument, edgeTypes, flowDocumentSchema, fixedTriggers, onClickTriggerPattern, semverPattern } from './schema.ts';

export * from './flow-v1-schema.ts';

export interface MigrationResult {
  document: FlowDocument;
  /** One human-readable line per kind of change, in the order they were made; for the import response. */
  changes: string[];
}

const invalidImport = (what: string, issues: { path: PropertyKey[]; message: string }[]) =>
  new DomainError('invalid', 'FLOW_IMPORT_INVALID', {
    detail: `The document is not a valid ${what}.`,
    extensions: { issues: issues.map((found) => ({ path: found.path.map(String).join('.'), message: found.message })) },
  });

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

const fitTitle = (title: string, fallback: string, where: string, changes: string[]): string => {
  if (title.trim() === '') {
    changes.push(`${where}: empty title replaced by "${fallback}"`);
    return fallback;
  }
  if (title.length <= 100) return title;
  changes.push(`${where}: title cut to 100 characters`);
  return title.slice(0, 100);
};

// 2.0 gives decision, api-call and component nodes required data; 1.x kept it loose, so fill the gaps and say so.
const convertData = (node: FlowV1Node, changes: string[]): Record<string, unknown> | undefined => {
  const data = node.data ?? {};
  const where = `node ${node.id}`;
  switch (v1NodeTypes[node.type]) {
    case 'decision': {
      const condition = text(data.condition) ?? node.title.slice(0, 1000);
      if (condition !== data.condition) changes.push(`${where}: decision without a condition; its title is used`);
      return { condition: condition === '' ? 'true' : condition };
    }
    case 'api-call': {
      const method = httpMethods.find((known) => known === text(data.method)?.toUpperCase());
      const url = text(data.url) ?? text(data.endpoint);
      if (method === undefined) changes.push(`${where}: HTTP method ${JSON.stringify(data.method ?? null)} replaced by GET`);
      if (url === undefined) changes.push(`${where}: api-call without a URL; "/" is used`);
      return { method: method ?? 'GET', url: url ?? '/' };
    }
    case 'component': {
      const componentId = text(data.componentId);
      if (componentId === undefined) changes.push(`${where}: component without componentId; the node id is used`);
      return { componentId: componentId ?? node.id };
    }
    case 'screen':
    case 'popup': {
      const dropped = Object.keys(data).filter((key) => key !== 'elements');
      if (dropped.length > 0) changes.push(`${where}: data ${dropped.join(', ')} dropped (2.0 keeps only elements)`);
      return Array.isArray(data.elements) ? { elements: data.elements } : undefined;
    }
    default:
      return node.data;
  }
};

const defined = (item: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined));

const triggerNames = [...fixedTriggers];

const convertTrigger = (edgeId: string, trigger: string | undefined, changes: string[]): string | undefined => {
  if (trigger === undefined || onClickTriggerPattern.test(trigger)) return trigger;
  const known = triggerNames.find((name) => name.toLowerCase() === trigger.toLowerCase());
  if (known !== trigger)
    changes.push(`edge ${edgeId}: trigger "${trigger}" ${known ? `renamed to "${known}"` : 'dropped (not a 2.0 trigger)'}`);
  return known;
};

const convert = (v1: FlowV1Document, changes: string[]): unknown => {
  const { metadata } = v1;
  changes.push(`metadata.schemaVersion: "${metadata.schemaVersion}" → "2.0"`);
  const version = typeof metadata.version === 'string' && semverPattern.test(metadata.version) ? metadata.version : '1.0.0';
  if (version !== metadata.version) changes.push(`metadata.version: ${JSON.stringify(metadata.version ?? null)} → "1.0.0"`);
  const renamed = new Map<string, number>();
  const nodes = v1.nodes.map((node) => {
    const type = v1NodeTypes[node.type];
    const key = `${node.type} → ${type}`;
    renamed.set(key, (renamed.get(key) ?? 0) + 1);
    const data = convertData(node, changes);
    const title = fitTitle(node.title, node.type, `node ${node.id}`, changes);
    return defined({ ...node, type, title, data });
  });
  if (renamed.size > 0) changes.push(`node types: ${[...renamed].map(([key, count]) => `${count} × ${key}`).join(', ')}`);
  const edges = v1.edges.map((edge) => {
    const trigger = convertTrigger(edge.id, edge.trigger, changes);
    const type = edgeTypes.find((known) => known === edge.type);
    if (edge.type !== undefined && type === undefined) changes.push(`edge ${edge.id}: type "${edge.type}" dropped`);
    return defined({ ...edge, trigger, type });
  });
  changes.push('frames: none in 1.x; an empty list was added');
  const flowName = fitTitle(metadata.flowName, 'Imported flow', 'metadata.flowName', changes);
  return { metadata: { ...metadata, schemaVersion: '2.0', flowName, version }, nodes, edges, frames: [] };
};

/**
 * Migrates a `.uxflow` 1.x document (see `flowV1DocumentSchema` for the assumed shape) to 2.0. Pure.
 * The result matches the 2.0 schema; call `validateFlow` for the reference rules and warnings.
 * @throws DomainError FLOW_IMPORT_INVALID (`invalid`) with `extensions.issues` [{path, message}] when the input is not
 *   1.x, or when its content cannot be expressed in 2.0 (e.g. a node size out of range).
 */
export const migrateV1 = (raw: unknown): MigrationResult => {
  const parsed = flowV1DocumentSchema.safeParse(raw);
  if (!parsed.success) throw invalidImport('.uxflow 1.x document', parsed.error.issues);
  const changes: string[] = [];
  const migrated = flowDocumentSchema.safeParse(convert(parsed.data, changes));
  if (!migrated.success) throw invalidImport('.uxflow 2.0 document after migration', migrated.error.issues);
  return { document: migrated.data, changes };
};
