import { describe, expect, it } from 'vitest';
import { type FlowDocument, type FlowNode, flowDocumentSchema, validateFlow } from '../../../shared/flows/index.ts';
import { type Box, nodeBox } from '../../../shared/flows/geometry.ts';
import { builtInTemplates, findBuiltInTemplate, type FlowTemplate } from '../../../shared/flows/templates/index.ts';

const freePlan = { nodesPerFlow: 200 };
const library = builtInTemplates.map((template) => [template.id, template] as const);

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const contains = (outer: Box, inner: Box): boolean =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;
const frameBox = (frame: FlowDocument['frames'][number]): Box => ({ ...frame.position, ...frame.size });
const pairs = <T>(items: readonly T[]): [T, T][] => items.flatMap((a, i) => items.slice(i + 1).map((b): [T, T] => [a, b]));
const requireTemplate = (id: string): FlowTemplate => {
  const template = findBuiltInTemplate(id);
  if (template === null) throw new Error(`no built-in template ${id}`);
  return template;
};
const elementIds = (node: FlowNode): string[] =>
  node.type === 'screen' || node.type === 'popup' ? (node.data?.elements ?? []).map((element) => element.id) : [];

describe('built-in templates', () => {
  it.each(library)('should validate with no errors and no warnings on the free plan when the template is %s', (_, template) => {
    expect(validateFlow(template.document, freePlan)).toEqual({ errors: [], warnings: [] });
  });

  it('should include the eight templates of the product, sorted by category then slug, when the library is listed', () => {
    const ids = builtInTemplates.map((template) => template.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'builtin-login',
        'builtin-sign-up',
        'builtin-password-reset',
        'builtin-onboarding',
        'builtin-checkout',
        'builtin-subscription-upgrade',
        'builtin-search-filter',
        'builtin-settings',
      ]),
    );
    const keys = builtInTemplates.map((template) => `${template.category}/${template.id}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('should have unique builtin- slugs when ids are compared', () => {
    const ids = builtInTemplates.map((template) => template.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^builtin-[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  // A file that is not a valid document throws on first use (naming the file); this keeps every file loadable.
  it.each(library)('should load the file of %s as a .uxflow 2.0 document', (_, template) => {
    expect(flowDocumentSchema.safeParse(template.document).success).toBe(true);
  });

  it.each(library)('should describe itself and its flow when the template is %s', (_, template) => {
    const { metadata } = template.document;
    expect(template.name).not.toBe('');
    expect(template.description).not.toBe('');
    expect(template.category).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(template.nodeCount).toBe(template.document.nodes.length);
    expect(metadata).toMatchObject({ flowName: template.name, description: template.description, version: '1.0.0' });
    expect(metadata.personas?.length).toBeGreaterThan(0);
    expect(metadata.tags?.length).toBeGreaterThan(0);
  });

  it.each(library)('should place no two nodes on top of each other when the template is %s', (_, template) => {
    const clashes = pairs(template.document.nodes)
      .filter(([a, b]) => overlaps(nodeBox(a), nodeBox(b)))
      .map(([a, b]) => `${a.id}/${b.id}`);
    expect(clashes).toEqual([]);
  });

  it.each(library)('should draw each frame around its own nodes and clear of the others when the template is %s', (_, template) => {
    const { nodes, frames } = template.document;
    const misplaced = frames.flatMap((frame) =>
      nodes
        .filter((node) =>
          frame.nodeIds.includes(node.id) ? !contains(frameBox(frame), nodeBox(node)) : overlaps(frameBox(frame), nodeBox(node)),
        )
        .map((node) => `${frame.id}/${node.id}`),
    );
    expect(misplaced).toEqual([]);
    expect(pairs(frames).filter(([a, b]) => overlaps(frameBox(a), frameBox(b)))).toEqual([]);
  });

  it.each(library)('should name an element of the source screen when an edge of %s is triggered by a click', (_, template) => {
    const { nodes, edges } = template.document;
    const byId = new Map(nodes.map((node) => [node.id, node]));
    const dangling = edges
      .filter((edge) => edge.trigger?.startsWith('onClick(') === true)
      .filter((edge) => {
        const source = byId.get(edge.source);
        return source === undefined || !elementIds(source).includes(edge.trigger!.slice('onClick('.length, -1));
      })
      .map((edge) => edge.id);
    expect(dangling).toEqual([]);
  });

  it('should use every kind of step a flow needs when the whole library is considered', () => {
    const types = new Set(builtInTemplates.flatMap((template) => template.document.nodes.map((node) => node.type)));
    for (const type of ['start', 'end', 'screen', 'popup', 'decision', 'condition', 'action', 'api-call', 'note'] as const) {
      expect(types).toContain(type);
    }
  });
});

describe('findBuiltInTemplate', () => {
  it('should return the template when the id is a built-in one', () => {
    expect(findBuiltInTemplate('builtin-checkout')?.name).toBe('Checkout');
  });

  it.each(['builtin-unknown', 'tpl_123', ''])('should return null when the id is %j', (id) => {
    expect(findBuiltInTemplate(id)).toBeNull();
  });

  it('should leave the library unchanged when a caller mutates a returned document', () => {
    const template = requireTemplate('builtin-login');
    const before = JSON.stringify(template.document);
    const copy = template.document;
    copy.nodes.pop();
    copy.edges.length = 0;
    copy.metadata.flowName = 'Hijacked';
    copy.frames[0]!.nodeIds.push('ghost');
    expect(JSON.stringify(template.document)).toBe(before);
    expect(JSON.stringify(findBuiltInTemplate('builtin-login')?.document)).toBe(before);
  });

  it('should refuse changes to the template itself when a caller assigns to it', () => {
    const template = requireTemplate('builtin-login');
    expect(() => Object.assign(template, { id: 'tpl_1' })).toThrow(TypeError);
    expect(() => (builtInTemplates as FlowTemplate[]).push(template)).toThrow(TypeError);
  });
});
