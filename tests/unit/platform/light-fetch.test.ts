import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LightRequest, lightFetch } from '../../../shared/platform/hosts/cold-start/index.ts';

/** A server that answers by path, echoing what it received; each case runs through Node's fetch and lightFetch. */
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received = { method: req.method, contentType: req.headers['content-type'] ?? null, token: req.headers['x-token'] ?? null };
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.url === '/empty') return res.writeHead(204, { 'x-kind': 'empty' }).end();
      if (req.url === '/missing') return res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"NotFound"}');
      if (req.url === '/slow') return setTimeout(() => res.end('late'), 500);
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ...received, body }));
    });
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

/** What a client reads of a response: status, ok, the headers it asks for, the body. */
const read = async (response: Response) => ({
  status: response.status,
  ok: response.ok,
  type: response.headers.get('content-type'),
  kind: response.headers.get('x-kind'),
  cookies: response.headers.getSetCookie(),
  body: await response.text(),
});

describe('lightFetch', () => {
  it.each([
    ['a GET with headers', '/echo', { headers: { 'X-Token': 't1' } }],
    ['a POST with a JSON body', '/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' }],
    ['a DELETE', '/echo', { method: 'DELETE' }],
    ['a 404 with a JSON body', '/missing', {}],
    ['a 204 without a body', '/empty', { method: 'PUT', body: 'x' }],
  ] as [string, string, RequestInit][])('should answer %s as Node’s fetch does', async (_name, path, init) => {
    expect(await read(await lightFetch(`${base}${path}`, init))).toEqual(await read(await fetch(`${base}${path}`, init)));
  });

  it('should send a LightRequest as built (the Chroma SDK hands it one)', async () => {
    const request = new LightRequest(`${base}/echo`, { method: 'POST', headers: { 'x-token': 't2' }, body: 'text' });
    expect(JSON.parse(await (await lightFetch(request)).text())).toEqual({
      method: 'POST',
      contentType: 'text/plain;charset=UTF-8',
      token: 't2',
      body: 'text',
    });
  });

  it('should read a response once and let a clone be read again', async () => {
    const response = await lightFetch(`${base}/missing`);
    expect(await response.clone().json()).toEqual({ error: 'NotFound' });
    expect(await response.json()).toEqual({ error: 'NotFound' });
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it('should fail like Node’s fetch when nothing listens: TypeError "fetch failed" with the socket error as cause', async () => {
    const failure = async (call: Promise<unknown>) => {
      const error = (await call.catch((caught: unknown) => caught)) as Error & { cause?: { code?: string } };
      return { type: error.constructor.name, message: error.message, cause: error.cause?.code };
    };
    const closed = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => closed.once('listening', resolve));
    const url = `http://127.0.0.1:${(closed.address() as { port: number }).port}/`;
    await new Promise((resolve) => closed.close(resolve));
    expect(await failure(lightFetch(url))).toEqual({ type: 'TypeError', message: 'fetch failed', cause: 'ECONNREFUSED' });
    expect(await failure(fetch(url))).toEqual(await failure(lightFetch(url)));
  });

  it('should reject with the signal’s reason when it aborts', async () => {
    const reasonOf = async (call: Promise<unknown>) => ((await call.catch((caught: unknown) => caught)) as Error).name;
    const [light, node] = await Promise.all([
      reasonOf(lightFetch(`${base}/slow`, { signal: AbortSignal.timeout(50) })),
      reasonOf(fetch(`${base}/slow`, { signal: AbortSignal.timeout(50) })),
    ]);
    expect(light).toBe(node);
    expect(light).toBe('TimeoutError');
  });
});
