import { lazyBodyStream, payloadOfStream } from './lazy-body-stream.ts';
import { LightHeaders } from './light-headers.ts';
import { isLive, toBytes, type Payload } from './payload.ts';

const decoder = new TextDecoder();

/**
 * A body as the Fetch standard extracts it: the payload and the Content-Type it implies.
 * Text, bytes and URLSearchParams stay light; anything else (a Blob, FormData, a foreign
 * stream) is read through Node's own Response, which is exact and only then loads undici.
 */
export const extractBody = (body: BodyInit | null | undefined): { payload: Payload; contentType: string | null } => {
  if (body === null || body === undefined) return { payload: null, contentType: null };
  if (typeof body === 'string') return { payload: body, contentType: 'text/plain;charset=UTF-8' };
  if (body instanceof Uint8Array) return { payload: body, contentType: null };
  if (body instanceof ArrayBuffer) return { payload: new Uint8Array(body.slice(0)), contentType: null };
  if (ArrayBuffer.isView(body))
    return { payload: new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength)), contentType: null };
  if (body instanceof URLSearchParams) return { payload: body.toString(), contentType: 'application/x-www-form-urlencoded;charset=UTF-8' };
  const own = payloadOfStream(body);
  if (own !== undefined) return { payload: own, contentType: null };
  // A stream is kept live, read only as its reader asks (an event stream is written out chunk by chunk).
  if (typeof (body as Partial<ReadableStream>).getReader === 'function') {
    return { payload: { live: body as ReadableStream<Uint8Array> }, contentType: null };
  }
  const real = new globalThis.Response(body);
  const payload = real.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  // A body nobody reads must not fail the process: the reader, if any, still gets the rejection.
  payload.catch(() => undefined);
  return { payload, contentType: real.headers.get('content-type') };
};

/** The body half of a light Request or Response: read once, in any of the standard forms. */
export abstract class LightBody {
  abstract readonly headers: Headers;
  #payload: Payload;
  #used = false;

  protected constructor(payload: Payload) {
    this.#payload = payload;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (this.#payload === null) return null;
    return isLive(this.#payload) ? (this.#payload.live as ReadableStream<Uint8Array<ArrayBuffer>>) : lazyBodyStream(this.#payload);
  }

  /** Takes over another body's payload (`clone()`). */
  protected adopt(payload: Payload): void {
    this.#payload = payload;
  }

  /** The unread payload, for `clone()`. */
  protected get payload(): Payload {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    return this.#payload;
  }

  /** The payload for a clone: a live stream is split in two (this body keeps one branch), anything else is shared. */
  protected payloadForClone(): Payload {
    const payload = this.payload;
    if (!isLive(payload)) return payload;
    const [mine, theirs] = payload.live.tee();
    this.#payload = { live: mine };
    return { live: theirs };
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return toBytes(this.#consume());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer;
  }

  async text(): Promise<string> {
    const payload = this.#consume();
    return typeof payload === 'string' ? payload : decoder.decode(await toBytes(payload));
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  async blob(): Promise<Blob> {
    return new Blob([await this.bytes()], { type: this.headers.get('content-type') ?? '' });
  }

  async formData(): Promise<FormData> {
    const bytes = await this.bytes();
    return new globalThis.Response(bytes, { headers: [...this.headers] }).formData();
  }

  /** Marks the body read (a null body never is, as in the standard) and hands out its payload. */
  #consume(): Payload {
    const payload = this.payload;
    this.#used = payload !== null;
    return payload;
  }
}

/** The headers of a new Request or Response, with the Content-Type its body implies unless one is given. */
export const headersFor = (init: HeadersInit | undefined | null, contentType: string | null): LightHeaders => {
  const headers = new LightHeaders(init);
  if (contentType !== null && !headers.has('content-type')) headers.set('content-type', contentType);
  return headers;
};
