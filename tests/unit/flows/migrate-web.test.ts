import { describe, expect, it } from 'vitest';
import { type FlowDocument, type MigrationChange, detectDialect, migrateDocument, validateFlow } from '../../../shared/flows/index.ts';
import { type Box, nodeBox } from '../../../shared/flows/geometry.ts';
import { limits } from './fixtures.ts';
import { legacyDocument, legacyFixtures, lostTexts } from './legacy-fixtures.ts';

const migrate = (doc: unknown) => migrateDocument(doc, 'web-2.x');
const node = (doc: FlowDocument, id: string) => doc.nodes.find((found) => found.id === id);
const idsOf = (changes: MigrationChange[], kind: string, path: string) =>
  changes.filter((found) => found.kind === kind && found.path === path).flatMap((found) => found.ids);
const inside = (outer: Box, inner: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

describe('migrating a document of the earlier web app', () => {
  const source = legacyDocument(legacyFixtures.webCheckout);
  const { document, migration } = migrate(source);

  it('should be read as the web app’s dialect and give a 2.0 document without errors or warnings', () => {
    expect(detectDialect(source)).toBe('web-2.x');
    expect(migration.from).toBe('web-2.x');
    expect(validateFlow(document, limits)).toEqual({ errors: [], warnings: [] });
    expect(document.metadata).toMatchObject({ flowName: 'Mobile checkout', version: '1.0.0', tags: ['checkout', 'mobile'] });
    expect(document.metadata.personas?.map((persona) => persona.id)).toEqual(['guest', 'member']);
    expect(document.metadata.globalSettings).toEqual({
      gridSize: 20,
      snapToGrid: true,
      theme: 'dark',
      showMinimap: true,
      showControls: false,
    });
  });

  it('should make the frame node a frame of the nodes that name it, and drop the edges that touched it', () => {
    expect(document.frames).toEqual([
      {
        id: 'frame-payment',
        title: 'Payment',
        position: { x: -40, y: 220 },
        size: { width: 620, height: 460 },
        style: { backgroundColor: '#f8fafc', borderColor: '#94a3b8', borderStyle: 'dashed', borderRadius: 12 },
        nodeIds: ['screen-card', 'condition-3ds'],
      },
    ]);
    expect(document.nodes.filter((found) => found.frameId === 'frame-payment').map((found) => found.id)).toEqual([
      'screen-card',
      'condition-3ds',
    ]);
    expect(node(document, 'frame-payment')).toBeUndefined();
    expect(idsOf(migration.changes, 'FRAME_CREATED', 'nodes[]')).toEqual(['frame-payment']);
    expect(idsOf(migration.changes, 'EDGE_DROPPED', 'edges[]')).toEqual(['edge-13']);
  });

  it('should drop ghost nodes and ghost edges and report them', () => {
    expect(node(document, 'ghost-upsell')).toBeUndefined();
    expect(document.edges.map((edge) => edge.id)).not.toContain('edge-10');
    expect(idsOf(migration.changes, 'GHOST_DROPPED', 'nodes[]')).toEqual(['ghost-upsell']);
    expect(idsOf(migration.changes, 'GHOST_DROPPED', 'edges[]')).toEqual(['edge-10']);
  });

  it('should map enhanced-screen to screen and keep its components, interactions and bindings in data', () => {
    expect(node(document, 'screen-cart')).toMatchObject({
      type: 'screen',
      isPinned: true,
      personaIds: ['guest', 'member'],
      data: {
        components: [{ id: 'cmp-line-item', name: 'Line item' }],
        interactions: [{ id: 'int-swipe-delete', gesture: 'swipe-left', action: 'remove item' }],
        dataBindings: [{ field: 'cart.total', source: 'GET /cart' }],
        responsiveVersion: 'tablet-v2',
        priority: 'high',
      },
    });
    expect(idsOf(migration.changes, 'TYPE_MAPPED', 'nodes[].type')).toEqual(['screen-cart']);
    expect(idsOf(migration.changes, 'FIELD_MOVED', 'nodes[].locked')).toEqual(['screen-cart']);
  });

  it('should keep an https screenshot as screenshotUrl, drop a data: one with a report, and drop an empty one quietly', () => {
    expect(node(document, 'screen-cart')?.uiMetadata).toEqual({
      figmaLink: 'https://www.figma.com/file/AbC123/Mobile-shop?node-id=12-40',
      screenshotUrl: 'https://cdn.example.com/shots/cart.png',
      annotations: [{ id: 'ann-1', text: 'Show the delivery estimate above the total.' }],
      variants: [
        { id: 'cart-empty', name: 'Empty cart', type: 'empty' },
        { id: 'cart-sale', name: 'Sale banner', type: 'custom' },
      ],
      completionStatus: 'in-progress',
    });
    expect(node(document, 'screen-card')?.uiMetadata).toBeUndefined();
    expect(node(document, 'screen-3ds')?.uiMetadata).toEqual({ completionStatus: 'todo' });
    expect(idsOf(migration.changes, 'FIELD_DROPPED', 'nodes[].uiMetadata.screenshot')).toEqual(['screen-card']);
    expect(idsOf(migration.changes, 'FIELD_DROPPED', 'nodes[].uiMetadata.variants[].screenshot')).toEqual(['screen-cart']);
  });

  it('should point a subflow at its flow through data.flowId', () => {
    expect(node(document, 'subflow-address')?.data).toEqual({ flowId: 'flw_addressbook0000000001' });
    expect(idsOf(migration.changes, 'NODE_LAID_OUT', 'nodes[].position')).toEqual(['subflow-address']);
  });

  it('should keep a condition’s outputs and make an edge for a targetNodeId no edge carried', () => {
    expect(node(document, 'condition-3ds')?.data).toEqual({
      conditions: [
        { id: 'approved', label: 'Approved' },
        { id: 'challenge', label: '3-D Secure' },
        { id: 'declined', label: 'Declined' },
      ],
    });
    expect(document.edges.find((edge) => edge.source === 'condition-3ds' && edge.sourceHandle === 'challenge')).toMatchObject({
      target: 'screen-3ds',
      label: '3-D Secure',
    });
    expect(idsOf(migration.changes, 'EDGE_ADDED', 'edges[]')).toHaveLength(1);
  });

  it('should report what edges lose: invented types and styles', () => {
    expect(document.edges.find((edge) => edge.id === 'edge-2')).toEqual({ id: 'edge-2', source: 'screen-cart', target: 'decision-saved' });
    expect(idsOf(migration.changes, 'FIELD_DROPPED', 'edges[].type')).toEqual(['edge-2']);
    expect(idsOf(migration.changes, 'FIELD_DROPPED', 'edges[].style')).toEqual(['edge-2', 'edge-8']);
  });

  it('should lose no text a user wrote unseen', () => {
    expect(lostTexts(source, document, migration)).toEqual([]);
  });
});

describe('frames of the earlier web app', () => {
  const frameless = () => {
    const source = legacyDocument(legacyFixtures.webCheckout);
    const frame = source.nodes.find((found) => found.id === 'frame-payment')!;
    delete frame.position;
    delete frame.size;
    return source;
  };

  it('should draw a frame without a box around its members', () => {
    const { document, migration } = migrate(frameless());
    const [frame] = document.frames;
    for (const id of frame!.nodeIds) expect(inside({ ...frame!.position, ...frame!.size }, nodeBox(node(document, id)!))).toBe(true);
    expect(idsOf(migration.changes, 'DEFAULT_ADDED', 'nodes[].size')).toEqual(['frame-payment']);
  });

  it('should take members from data.containedNodes, and drop a parentFrameId that names no frame', () => {
    const source = legacyDocument(legacyFixtures.webCheckout);
    for (const found of source.nodes) if (found.parentFrameId === 'frame-payment') delete found.parentFrameId;
    source.nodes.find((found) => found.id === 'screen-3ds')!.parentFrameId = 'frame-gone';
    const { document, migration } = migrate(source);
    expect(document.frames[0]?.nodeIds).toEqual(['screen-card', 'condition-3ds']);
    expect(node(document, 'screen-3ds')?.frameId).toBeUndefined();
    expect(idsOf(migration.changes, 'FIELD_DROPPED', 'nodes[].parentFrameId')).toEqual(['screen-3ds']);
    expect(validateFlow(document, limits).errors).toEqual([]);
  });

  it('should read a top-level frames list as frames', () => {
    const source = legacyDocument(legacyFixtures.webCheckout);
    source.nodes = source.nodes.filter((found) => found.type !== 'frame');
    source.edges = source.edges.filter((edge) => edge.source !== 'frame-payment');
    source.frames = [{ id: 'frm-pay', title: 'Pay', nodeIds: ['screen-card', 'condition-3ds'] }];
    for (const found of source.nodes) if (found.parentFrameId !== undefined) delete found.parentFrameId;
    const { document } = migrate(source);
    expect(document.frames.map((frame) => [frame.id, frame.nodeIds])).toEqual([['frm-pay', ['screen-card', 'condition-3ds']]]);
    expect(validateFlow(document, limits).errors).toEqual([]);
  });
});

describe('reading the dialect', () => {
  it.each([
    ['a 2.0 schema version', { metadata: { schemaVersion: '2.0' }, nodes: [{ type: 'Start' }] }, '2.0'],
    ['a 1.x schema version', { metadata: { schemaVersion: '1.2' }, nodes: [{ type: 'start' }] }, '1.x'],
    ['capitalised types', { metadata: { flowName: 'x' }, nodes: [{ type: 'API Call' }] }, '1.x'],
    ['lowercase types', { metadata: { flowName: 'x' }, nodes: [{ type: 'enhanced-screen' }] }, 'web-2.x'],
    ['an empty flow with personas', { metadata: { flowName: 'x', personas: [] }, nodes: [] }, 'web-2.x'],
    ['an empty flow with a name only', { metadata: { flowName: 'x' }, nodes: [] }, '1.x'],
  ])('should read a document with %s as %s', (_case, raw, dialect) => {
    expect(detectDialect(raw)).toBe(dialect);
  });
});
