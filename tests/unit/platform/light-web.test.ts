import { describe, expect, it } from 'vitest';
import { LightHeaders, LightRequest, LightResponse } from '../../../shared/platform/hosts/cold-start/index.ts';

/** Each case runs against Node's own class and the light one; they must agree. */
const headerInits: [string, HeadersInit][] = [
  ['a record', { 'Content-Type': 'application/json', 'X-Trim': '  padded\t' }],
  [
    'pairs with repeats',
    [
      ['Accept', 'a'],
      ['accept', 'b'],
      ['Set-Cookie', 'a=1; Path=/'],
      ['set-cookie', 'b=2'],
    ],
  ],
  [
    'another Headers',
    new Headers([
      ['Vary', 'Origin'],
      ['vary', 'Accept'],
    ]),
  ],
];

const snapshotOf = (headers: Headers) => ({
  entries: [...headers],
  cookies: headers.getSetCookie(),
  accept: headers.get('ACCEPT'),
  missing: headers.get('x-missing'),
});

describe('LightHeaders', () => {
  it.each(headerInits)('should read like Node’s Headers when built from %s', (_name, init) => {
    expect(snapshotOf(new LightHeaders(init))).toEqual(snapshotOf(new Headers(init)));
  });

  it('should set, append and delete case-insensitively like Node’s Headers', () => {
    const edit = (headers: Headers) => {
      headers.append('X-A', '1');
      headers.append('x-a', '2');
      headers.set('X-B', 'only');
      headers.append('Set-Cookie', 'c=3');
      headers.delete('X-MISSING');
      headers.delete('x-b');
      const seen: string[] = [];
      headers.forEach((value, name) => seen.push(`${name}=${value}`));
      return { seen, has: headers.has('X-A'), keys: [...headers.keys()], values: [...headers.values()] };
    };
    expect(edit(new LightHeaders())).toEqual(edit(new Headers()));
  });

  it('should let a loop delete the headers it walks (it iterates a snapshot)', () => {
    const headers = new LightHeaders([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]);
    for (const [name] of headers) headers.delete(name);
    expect([...headers]).toEqual([]);
  });

  it.each([
    ['a name with a space', () => new LightHeaders({ 'bad name': 'x' })],
    ['a value with a line break', () => new LightHeaders().set('x-a', 'one\r\nInjected: yes')],
    ['a value beyond Latin-1', () => new LightHeaders().set('x-a', 'snow ☃')],
    ['a pair of three', () => new LightHeaders([['a', 'b', 'c']] as unknown as [string, string][])],
  ])('should throw a TypeError for %s, as Node’s Headers does', (_name, build) => {
    expect(build).toThrow(TypeError);
  });
});

describe('LightResponse', () => {
  it.each<[string, BodyInit | null, ResponseInit]>([
    ['text', 'héllo', {}],
    ['bytes with a type', new TextEncoder().encode('{"a":1}'), { status: 201, headers: { 'content-type': 'application/json' } }],
    ['form parameters', new URLSearchParams({ a: '1 2' }), { statusText: 'Fine' }],
    ['no body', null, { status: 204 }],
  ])('should answer like Node’s Response for %s', async (_name, body, init) => {
    const read = async (response: Response) => ({
      status: response.status,
      ok: response.ok,
      statusText: response.statusText,
      headers: [...response.headers],
      text: await response.text(),
      used: response.bodyUsed,
    });
    const again = body instanceof URLSearchParams ? new URLSearchParams(body) : body;
    expect(await read(new LightResponse(body, init))).toEqual(await read(new Response(again, init)));
  });

  it('should refuse a second read and a body on 204, as Node’s Response does', async () => {
    const response = new LightResponse('once');
    await response.text();
    await expect(response.text()).rejects.toThrow(TypeError);
    expect(() => new LightResponse('x', { status: 204 })).toThrow(TypeError);
    expect(() => new LightResponse(null, { status: 99 })).toThrow(RangeError);
  });

  it('should clone a body that both copies can read', async () => {
    const response = LightResponse.json({ a: 1 }, { status: 202 });
    const copy = response.clone();
    expect(await copy.json()).toEqual({ a: 1 });
    expect(await response.json()).toEqual({ a: 1 });
    expect(copy.headers.get('content-type')).toBe('application/json');
  });

  it('should re-wrap its own body stream without reading it (as Hono does when a middleware replaces c.res)', async () => {
    const first = new LightResponse('payload', { status: 418, headers: { 'x-a': '1' } });
    const wrapped = new LightResponse(first.body, first);
    expect(wrapped.status).toBe(418);
    expect(wrapped.headers.get('x-a')).toBe('1');
    expect(await wrapped.text()).toBe('payload');
  });

  it('should keep a stream live: its first chunk is readable before the stream ends (server-sent events)', async () => {
    let push!: (text: string) => void;
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => void (push = (text) => controller.enqueue(new TextEncoder().encode(text))),
    });
    const response = new LightResponse(stream, { headers: { 'content-type': 'text/event-stream' } });
    const reader = response.body!.getReader();
    push('event: step\n\n');
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('event: step\n\n');
  });

  it('should give a clone of a live stream its own copy of every chunk', async () => {
    const response = new LightResponse(new Blob(['two readers']).stream());
    const copy = response.clone();
    expect([await copy.text(), await response.text()]).toEqual(['two readers', 'two readers']);
  });

  it('should read a body of a kind it does not keep itself (a Blob) through Node’s Response', async () => {
    const response = new LightResponse(new Blob(['blob body'], { type: 'text/x-test' }));
    expect(response.headers.get('content-type')).toBe('text/x-test');
    expect(await response.text()).toBe('blob body');
  });
});

describe('LightRequest', () => {
  it('should read like Node’s Request', async () => {
    const init = { method: 'post', headers: { 'Content-Type': 'application/json' }, body: '{"a":"ü"}' };
    const read = async (request: Request) => ({
      url: request.url,
      method: request.method,
      headers: [...request.headers],
      json: await request.clone().json(),
      bytes: [...new Uint8Array(await request.arrayBuffer())],
    });
    const url = 'http://api.test:8080/v1/a/../b?q=1#frag';
    expect(await read(new LightRequest(url, init))).toEqual(await read(new Request(url, init)));
  });

  it('should refuse a body on GET and a relative URL, as Node’s Request does', () => {
    expect(() => new LightRequest('http://a.test/', { method: 'GET', body: 'x' })).toThrow(TypeError);
    expect(() => new LightRequest('/relative')).toThrow(TypeError);
    expect(() => new LightRequest('http://a.test/', { method: 'TRACE' })).toThrow(TypeError);
  });

  it('should have a signal that is not aborted', () => {
    expect(new LightRequest('http://a.test/').signal.aborted).toBe(false);
  });
});

describe('a light body stream', () => {
  it('should stream the payload when read as a stream', async () => {
    const chunks: string[] = [];
    for await (const chunk of new LightResponse('streamed').body as unknown as AsyncIterable<Uint8Array>)
      chunks.push(new TextDecoder().decode(chunk));
    expect(chunks.join('')).toBe('streamed');
    const reader = new LightRequest('http://a.test/', { method: 'POST', body: 'r' }).body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('r');
  });
});
