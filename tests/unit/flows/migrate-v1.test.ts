import { describe, expect, it } from 'vitest';
import { type FlowDocument, type MigrationChange, detectDialect, migrateDocument, validateFlow } from '../../../shared/flows/index.ts';
import { isDomainError } from '../../../shared/kernel/index.ts';
import { type Box, nodeBox } from '../../../shared/flows/geometry.ts';
import { limits } from './fixtures.ts';
import { type LegacyDocument, legacyDocument, legacyFixtures, lostTexts } from './legacy-fixtures.ts';

const migrate = (doc: unknown) => migrateDocument(doc, '1.x');
const node = (doc: FlowDocument, id: string) => doc.nodes.find((found) => found.id === id);
const change = (changes: MigrationChange[], kind: string, path: string) =>
  changes.find((found) => found.kind === kind && found.path === path);
const rulesOf = (doc: FlowDocument, list: 'errors' | 'warnings') => validateFlow(doc, limits)[list].map((found) => found.rule);
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** FLOW_IMPORT_INVALID's issues, or a failure when the migration succeeds. */
const issuesOf = (raw: unknown): { path: string; ids: string[] }[] => {
  try {
    migrate(raw);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    expect(error.code).toBe('FLOW_IMPORT_INVALID');
    return error.extensions.issues as { path: string; ids: string[] }[];
  }
  throw new Error('the migration succeeded');
};

describe('migrating a 1.x document exported by the earlier backend', () => {
  const source = legacyDocument(legacyFixtures.backendLogin);
  const { document, migration } = migrate(source);

  it('should be read as 1.x and give a 2.0 document without errors', () => {
    expect(detectDialect(source)).toBe('1.x');
    expect(migration.from).toBe('1.x');
    expect(document.metadata).toMatchObject({ schemaVersion: '2.0', flowName: 'Login with password reset', version: '1.0.0' });
    expect(rulesOf(document, 'errors')).toEqual([]);
    expect(rulesOf(document, 'warnings')).toEqual(['DEAD_END']);
  });

  it('should take each node’s name from data.title, and name a Start without one after its type', () => {
    expect(document.nodes.map((found) => [found.id, found.type, found.title])).toEqual([
      ['start', 'start', 'Start'],
      ['login_screen', 'screen', 'Sign in'],
      ['auth_api', 'api-call', 'Authenticate'],
      ['auth_check', 'decision', 'Signed in?'],
      ['error_popup', 'popup', 'Wrong email or password'],
      ['reset_screen', 'screen', 'Reset your password'],
      ['reset_sent', 'note', 'The reset link expires after one hour.'],
      ['profile_widget', 'component', 'Profile header'],
      ['dashboard', 'end', 'Dashboard'],
    ]);
    expect(node(document, 'login_screen')?.data).not.toHaveProperty('title');
    expect(change(migration.changes, 'FIELD_MOVED', 'nodes[].data.title')?.ids).toContain('login_screen');
    expect(change(migration.changes, 'DEFAULT_ADDED', 'nodes[].title')?.ids).toEqual(['start']);
  });

  it('should keep the keys 2.0 does not define in data, and give elements their text as label', () => {
    expect(node(document, 'login_screen')?.data).toMatchObject({
      screenType: 'form',
      elements: [
        { id: 'email_input', type: 'input', label: 'Email', placeholder: 'you@company.com' },
        { id: 'password_input', type: 'input', label: 'Password', inputType: 'password' },
        { id: 'login_btn', type: 'button', label: 'Sign in' },
        { id: 'forgot_link', type: 'link', label: 'Forgot your password?' },
      ],
    });
    expect(node(document, 'reset_screen')?.data).toMatchObject({ optional: true });
    expect(node(document, 'auth_api')?.data).toEqual({ method: 'POST', url: '/api/v1/auth/login', timeout: 5000 });
    expect(node(document, 'auth_check')?.data).toEqual({ condition: 'data.api_response.status == 200' });
  });

  it('should take triggers and labels from edge data, and keep an unknown trigger as the label', () => {
    expect(document.edges.map((edge) => [edge.id, edge.trigger, edge.label])).toEqual([
      ['e1', 'onLoad', undefined],
      ['e2', 'onClick(login_btn)', 'Submit'],
      ['e3', 'onClick(forgot_link)', undefined],
      ['e4', 'onSuccess', undefined],
      ['e5', 'onError', 'Network or server error'],
      ['e6', 'if_true', undefined],
      ['e7', 'if_false', undefined],
      ['e8', 'onClick(retry_btn)', undefined],
      ['e9', undefined, 'onComplete'],
      ['e10', 'onLoad', undefined],
    ]);
    expect(document.edges[8]).toMatchObject({ animated: true });
    expect(change(migration.changes, 'TRIGGER_UNKNOWN', 'edges[].trigger')?.ids).toEqual(['e9']);
  });

  it('should lay out the nodes without a position below the others, and say so', () => {
    const placed = ['reset_screen', 'reset_sent'].map((id) => node(document, id)!);
    for (const laidOut of placed) {
      for (const other of document.nodes.filter((found) => found !== laidOut))
        expect(overlaps(nodeBox(laidOut), nodeBox(other))).toBe(false);
    }
    expect(change(migration.changes, 'NODE_LAID_OUT', 'nodes[].position')?.ids).toEqual(['reset_screen', 'reset_sent']);
  });

  it('should report the server’s fields, the version and the schema version it replaced', () => {
    const server = migration.changes.filter((found) => found.kind === 'SERVER_FIELD_DROPPED').map((found) => found.path);
    expect(server).toEqual(
      ['projectId', 'workspaceId', 'createdBy', 'createdAt', 'updatedAt', 'latestVersionId', 'versionCount', 'status'].map(
        (key) => `metadata.${key}`,
      ),
    );
    expect(change(migration.changes, 'VERSION_RESET', 'metadata.version')?.message).toContain('"1.3.0"');
    expect(change(migration.changes, 'SCHEMA_VERSION_SET', 'metadata.schemaVersion')).toBeDefined();
  });
});

describe('migrating 1.x documents of the earlier template library', () => {
  it('should name every node from data.label and lay out a document that has no positions', () => {
    const source = legacyDocument(legacyFixtures.templateOnboarding);
    const { document, migration } = migrate(source);
    expect(document.nodes.map((found) => found.title)).toEqual(source.nodes.map((found) => (found.data as { label: string }).label));
    expect(document.nodes.every((found) => !('label' in (found.data ?? {})))).toBe(true);
    expect(change(migration.changes, 'NODE_LAID_OUT', 'nodes[].position')?.ids).toHaveLength(source.nodes.length);
    const boxes = document.nodes.map(nodeBox);
    expect(boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => overlaps(a, b)))).toEqual([]);
    expect(change(migration.changes, 'FIELD_DROPPED', 'metadata.industry')?.message).toContain('"saas"');
    expect(validateFlow(document, limits)).toEqual({ errors: [], warnings: [] });
  });

  it('should import an e-commerce flow without an End node, with a warning and no error', () => {
    const { document } = migrate(legacyDocument(legacyFixtures.templateEcommerce));
    expect(rulesOf(document, 'errors')).toEqual([]);
    expect(rulesOf(document, 'warnings')).toEqual(expect.arrayContaining(['NO_END_NODE', 'DEAD_END']));
  });
});

describe('what a 1.x migration keeps', () => {
  it.each(Object.values(legacyFixtures).filter((name) => name.startsWith('v1')))(
    'should lose no text a user wrote unseen when %s is migrated',
    (name) => {
      const source = legacyDocument(name);
      const { document, migration } = migrate(source);
      expect(lostTexts(source, document, migration)).toEqual([]);
    },
  );

  it('should move a node’s unknown fields into data and drop the canvas’s own state, reporting both', () => {
    const source = legacyDocument(legacyFixtures.backendLogin);
    Object.assign(source.nodes[1]!, { reviewer: 'Ana', selected: true });
    const { document, migration } = migrate(source);
    expect(node(document, 'login_screen')?.data).toMatchObject({ reviewer: 'Ana' });
    expect(node(document, 'login_screen')?.data).not.toHaveProperty('selected');
    expect(change(migration.changes, 'FIELD_MOVED', 'nodes[].reviewer')?.ids).toEqual(['login_screen']);
    expect(change(migration.changes, 'FIELD_DROPPED', 'nodes[].selected')?.ids).toEqual(['login_screen']);
  });

  it('should rename an id 2.0 refuses and every edge that names it', () => {
    const source = legacyDocument(legacyFixtures.backendLogin);
    const rename = (id: unknown) => (id === 'auth_api' ? 'auth api' : id);
    source.nodes.forEach((found) => (found.id = rename(found.id)));
    source.edges.forEach((edge) => Object.assign(edge, { source: rename(edge.source), target: rename(edge.target) }));
    const { document, migration } = migrate(source);
    expect(node(document, 'auth_api')?.type).toBe('api-call');
    expect(rulesOf(document, 'errors')).toEqual([]);
    expect(change(migration.changes, 'ID_RENAMED', 'nodes[].id')?.ids).toEqual(['auth_api']);
  });
});

describe('what a 1.x migration refuses', () => {
  it('should list every problem the earlier backend refused at once, each with its path and node id', () => {
    const source: LegacyDocument = legacyDocument(legacyFixtures.backendLogin);
    source.metadata.flowName = '';
    delete (source.nodes[2]!.data as Record<string, unknown>).url;
    delete (source.nodes[3]!.data as Record<string, unknown>).condition;
    delete (source.nodes[7]!.data as Record<string, unknown>).componentId;
    (source.nodes[4]!.data as Record<string, unknown>).elements = 'retry';
    source.nodes[6]!.type = 'Loop';
    delete source.nodes[5]!.type;
    expect(issuesOf(source)).toEqual([
      expect.objectContaining({ path: 'metadata.flowName', ids: [] }),
      expect.objectContaining({ path: 'nodes.2.data.url', ids: ['auth_api'] }),
      expect.objectContaining({ path: 'nodes.3.data.condition', ids: ['auth_check'] }),
      expect.objectContaining({ path: 'nodes.4.data.elements', ids: ['error_popup'] }),
      expect.objectContaining({ path: 'nodes.5.type', ids: ['reset_screen'] }),
      expect.objectContaining({ path: 'nodes.6.type', ids: ['reset_sent'] }),
      expect.objectContaining({ path: 'nodes.7.data.componentId', ids: ['profile_widget'] }),
    ]);
  });

  it.each([
    ['nodes that are not a list', { metadata: { flowName: 'x' }, nodes: {}, edges: [] }, 'nodes'],
    ['an edge without a target', { metadata: { flowName: 'x' }, nodes: [], edges: [{ id: 'e1', source: 'a' }] }, 'edges.0.target'],
    ['not an object', 'flow', ''],
  ])('should refuse %s', (_case, raw, path) => {
    expect(issuesOf(raw).map((found) => found.path)).toContain(path);
  });

  it('should leave a missing Start and an edge to nowhere to the 2.0 rules, which name them', () => {
    const source = legacyDocument(legacyFixtures.backendLogin);
    source.nodes = source.nodes.filter((found) => found.id !== 'start');
    const { document } = migrate(source);
    expect(rulesOf(document, 'errors')).toEqual(['EDGE_MISSING_NODE', 'NO_START_NODE']);
  });
});
