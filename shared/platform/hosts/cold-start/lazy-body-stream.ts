import { toBytes, type Payload } from './payload.ts';

type Bytes = Uint8Array<ArrayBuffer>;

/** Bodies handed out by `body`, mapped to their payload, so re-wrapping one (`new Response(res.body, res)`) copies nothing. */
const payloads = new WeakMap<object, Exclude<Payload, null>>();

/** The payload behind a body that a light Request or Response handed out, if `body` is one. */
export const payloadOfStream = (body: object): Exclude<Payload, null> | undefined => payloads.get(body);

/**
 * What a light `body` hands out: it stands for a ReadableStream and turns into one (loading
 * Node's web streams) only when a stream method is called. Hono reads `res.body` on most requests
 * just to hand it to a new Response, which never needs the stream.
 */
class LazyBodyStream {
  readonly #payload: Exclude<Payload, null>;
  #stream: ReadableStream<Bytes> | undefined;

  constructor(payload: Exclude<Payload, null>) {
    this.#payload = payload;
    payloads.set(this, payload);
  }

  get #real(): ReadableStream<Bytes> {
    const payload = this.#payload;
    return (this.#stream ??= new ReadableStream<Bytes>({
      async start(controller) {
        controller.enqueue(await toBytes(payload));
        controller.close();
      },
    }));
  }

  get locked(): boolean {
    return this.#stream?.locked ?? false;
  }

  getReader() {
    return this.#real.getReader();
  }

  cancel(reason?: unknown) {
    return this.#real.cancel(reason);
  }

  pipeTo(destination: WritableStream<Bytes>, options?: StreamPipeOptions) {
    return this.#real.pipeTo(destination, options);
  }

  pipeThrough<T>(transform: ReadableWritablePair<T, Bytes>, options?: StreamPipeOptions) {
    return this.#real.pipeThrough(transform, options);
  }

  tee() {
    return this.#real.tee();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Bytes> {
    const reader = this.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
}

/** A body stream for `payload`, typed as the standard one it stands for. */
export const lazyBodyStream = (payload: Exclude<Payload, null>): ReadableStream<Bytes> =>
  new LazyBodyStream(payload) as unknown as ReadableStream<Bytes>;
