import { randomBytes, randomInt } from 'node:crypto';

/** The account and the resources whose ids the fuzzer puts in the operations' paths. */
export interface FuzzSeed {
  email: string;
  password: string;
  userId: string;
  workspaceId: string;
  /** A second workspace, for `DELETE /v1/workspaces/{workspaceId}` (the main one must live on). */
  spareWorkspaceId: string;
  flowId: string;
  /** A second flow, for `DELETE /v1/flows/{flowId}`. */
  spareFlowId: string;
  keyId: string;
  spareKeyId: string;
  invitationId: string;
  documentId: string;
  /** A session of the same account other than the fuzzer's own, for `DELETE /v1/me/sessions/{sessionId}`. */
  spareSessionId: string;
}

// Every seeding call comes from an address of its own, as the fuzzer's calls do.
const clientAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

const call = async <T>(api: string, method: string, path: string, token: string | null, body?: unknown): Promise<T> => {
  const headers: Record<string, string> = { 'x-forwarded-for': clientAddress() };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`seeding the fuzz run: ${method} ${path} answered ${response.status} ${text}`);
  return (text === '' ? {} : JSON.parse(text)) as T;
};

/** Signs a fresh user up through the API and creates what the operations' path parameters name. */
export async function seedFuzzAccount(api: string): Promise<FuzzSeed> {
  const email = `fuzz+${randomBytes(6).toString('hex')}@example.com`;
  const password = `fuzz ${randomBytes(12).toString('base64url')}`;
  const auth = { email, password, refreshTokenIn: 'body' };
  const registered = await call<{ accessToken: string }>(api, 'POST', '/v1/auth/register', null, { ...auth, name: 'Fuzz' });
  const token = registered.accessToken;
  const login = () => call<{ accessToken: string }>(api, 'POST', '/v1/auth/login', null, auth);
  await login(); // a second session, the one DELETE /v1/me/sessions/{sessionId} may end
  const me = await call<{ id: string }>(api, 'GET', '/v1/me', token);
  const workspaces = await call<{ items: { id: string }[] }>(api, 'GET', '/v1/workspaces', token);
  const workspaceId = workspaces.items[0]!.id;
  const ws = `/v1/workspaces/${workspaceId}`;
  const spare = await call<{ id: string }>(api, 'POST', '/v1/workspaces', token, { name: 'Fuzz spare' });
  const newFlow = (name: string) => call<{ id: string }>(api, 'POST', `${ws}/flows`, token, { name, templateId: 'builtin-checkout' });
  const [flow, spareFlow] = [await newFlow('Fuzz'), await newFlow('Fuzz spare')];
  const newKey = (name: string) => call<{ id: string }>(api, 'POST', `${ws}/api-keys`, token, { name, permissions: ['flows:read'] });
  const [key, spareKey] = [await newKey('fuzz'), await newKey('fuzz spare')];
  const invitation = await call<{ id: string }>(api, 'POST', `${ws}/invitations`, token, {
    email: `fuzz-invitee+${randomBytes(4).toString('hex')}@example.com`,
    role: 'editor',
  });
  const document = await call<{ id: string }>(api, 'POST', `${ws}/knowledge/documents`, token, {
    title: 'Fuzz notes',
    format: 'markdown',
    content: '# Checkout\n\nKeep the checkout to three steps.',
  });
  const sessions = await call<{ items: { id: string; current?: boolean }[] }>(api, 'GET', '/v1/me/sessions', token);
  const other = sessions.items.find((s) => s.current !== true) ?? sessions.items[0]!;
  return {
    email,
    password,
    userId: me.id,
    workspaceId,
    spareWorkspaceId: spare.id,
    flowId: flow.id,
    spareFlowId: spareFlow.id,
    keyId: key.id,
    spareKeyId: spareKey.id,
    invitationId: invitation.id,
    documentId: document.id,
    spareSessionId: other.id,
  };
}
