import { randomBytes } from 'node:crypto';
import type { Answer, Driver } from './driver.ts';

/** One signed-in client of the mix: its own session (refresh tokens rotate, so sessions are never shared) and address. */
export interface Worker {
  index: number;
  user: SeededUser;
  address: string;
  accessToken: string;
  refreshToken: string;
  /** The last ETag this client saw of each flow: a write sends it as If-Match, as an editor would. */
  etags: Map<string, string>;
}

export interface SeededUser {
  email: string;
  password: string;
  workspaceId: string;
  flows: { id: string; nodeId: string }[];
  /** A flow of its own for AI messages, so that AI proposals do not go stale under the writes of the mix. */
  aiFlowId: string;
  documentId: string | null;
}

/** A client address of the documentation range (2001:db8::/32): the per-address limits are per worker, as per device. */
export const newAddress = (): string => `2001:db8:${randomBytes(6).toString('hex').match(/.{4}/g)!.join(':')}::1`;

const expect = (answer: Answer, status: number, what: string) => {
  if (answer.status !== status) throw new Error(`${what} answered ${answer.status} (expected ${status}): ${answer.text.slice(0, 300)}`);
  return answer;
};

/** A short guide a workspace uploads to its knowledge: what the mix searches and asks about. */
export const knowledgeDocument = {
  title: 'Checkout guidelines',
  format: 'markdown' as const,
  content: [
    '# Checkout guidelines',
    'Keep the checkout to three steps: cart, shipping and payment. Show the order total on every step.',
    'Offer guest checkout: forcing an account before payment is the most common reason people abandon a cart.',
    'Validate card numbers inline and keep what was typed when a payment is declined, with the reason in plain words.',
    'After payment, show an order confirmation with the order number and send the same by e-mail.',
    '## Accessibility',
    'Every field has a visible label; errors are announced and say how to fix them. Buttons name their action.',
  ].join('\n\n'),
};

export const knowledgeQuestions = [
  'How many steps should a checkout have?',
  'Should checkout require an account?',
  'What to show when a card payment is declined?',
  'What comes after the payment step?',
];

/**
 * Everything through the API, as clients would: `users` accounts registered (each with the personal
 * workspace and pro trial sign-up gives), `flowsPerUser` flows from the checkout template plus one
 * for AI messages, one knowledge document uploaded and waited for until `ready`, and `workers`
 * sessions (worker i belongs to user i mod users, so two workers of one user edit the same flows).
 */
export const seedThroughApi = async (
  driver: Driver,
  options: { users: number; workers: number; flowsPerUser: number; knowledge: boolean; log: (line: string) => void },
): Promise<Worker[]> => {
  const run = randomBytes(4).toString('hex');
  const password = `load bench passphrase ${run}`;
  const post = (path: string, body: unknown, token: string | null, address: string) =>
    driver.seed(path, {
      method: 'POST',
      body,
      headers: { 'x-forwarded-for': address, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
  const get = (path: string, token: string, address: string) =>
    driver.seed(path, { headers: { 'x-forwarded-for': address, authorization: `Bearer ${token}` } });

  const users = await Promise.all(
    Array.from({ length: options.users }, async (_, n): Promise<SeededUser> => {
      const address = newAddress();
      const email = `load-${run}-${n}@example.com`;
      const registered = expect(
        await post('/v1/auth/register', { email, password, name: `Load ${n}`, refreshTokenIn: 'body' }, null, address),
        201,
        'POST /v1/auth/register',
      ).json<{ accessToken: string }>();
      const token = registered.accessToken;
      const workspaces = expect(await get('/v1/workspaces', token, address), 200, 'GET /v1/workspaces').json<{ items: { id: string }[] }>();
      const workspaceId = workspaces.items[0]!.id;
      const flows = [];
      for (let f = 0; f <= options.flowsPerUser; f += 1) {
        const created = expect(
          await post(`/v1/workspaces/${workspaceId}/flows`, { name: `Load ${f}`, templateId: 'builtin-checkout' }, token, address),
          201,
          'POST /v1/workspaces/{workspaceId}/flows',
        ).json<{ id: string }>();
        const read = expect(await get(`/v1/flows/${created.id}`, token, address), 200, 'GET /v1/flows/{flowId}');
        flows.push({ id: created.id, nodeId: read.json<{ document: { nodes: { id: string }[] } }>().document.nodes[0]!.id });
      }
      let documentId: string | null = null;
      if (options.knowledge) {
        const uploaded = expect(
          await post(`/v1/workspaces/${workspaceId}/knowledge/documents`, knowledgeDocument, token, address),
          202,
          'POST /v1/workspaces/{workspaceId}/knowledge/documents',
        ).json<{ id: string }>();
        documentId = uploaded.id;
        await waitUntilReady(() => get(`/v1/workspaces/${workspaceId}/knowledge/documents/${uploaded.id}`, token, address));
      }
      return { email, password, workspaceId, flows: flows.slice(1), aiFlowId: flows[0]!.id, documentId };
    }),
  );
  options.log(`seeded ${users.length} users, ${users.length * (options.flowsPerUser + 1)} flows`);

  return Promise.all(
    Array.from({ length: options.workers }, async (_, index): Promise<Worker> => {
      const user = users[index % users.length]!;
      const address = newAddress();
      const login = expect(
        await post('/v1/auth/login', { email: user.email, password: user.password, refreshTokenIn: 'body' }, null, address),
        200,
        'POST /v1/auth/login',
      ).json<{ accessToken: string; refreshToken: string }>();
      return { index, user, address, accessToken: login.accessToken, refreshToken: login.refreshToken, etags: new Map() };
    }),
  );
};

/** Ingestion runs behind the broker (upload → event → ingest function → embedder → Chroma). */
const waitUntilReady = async (read: () => Promise<Answer>, timeoutMs = 180_000) => {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const answer = await read();
    last = answer.text;
    const status = answer.status === 200 ? answer.json<{ status: string }>().status : 'unknown';
    if (status === 'ready') return;
    if (status === 'failed') throw new Error(`the knowledge document failed to ingest: ${last.slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the knowledge document was not ready within ${timeoutMs} ms: ${last.slice(0, 300)}`);
};
