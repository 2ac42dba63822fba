/** A foreign stream kept as it is (an event stream must reach the client chunk by chunk, not once it ends). */
export interface LiveStream {
  live: ReadableStream<Uint8Array>;
}

/** What a light body holds: text or bytes as given, bytes still being read from a foreign body, or a live stream. */
export type Payload = string | Uint8Array | Promise<Uint8Array> | LiveStream | null;

export const isLive = (payload: Payload): payload is LiveStream => typeof payload === 'object' && payload !== null && 'live' in payload;

const readAll = async (stream: ReadableStream<Uint8Array>): Promise<Uint8Array> => {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  const all = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
};

const encoder = new TextEncoder();

const copyOf = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
};

/** A fresh copy of the payload's bytes (the standard hands every reader its own buffer). */
export const toBytes = async (payload: Payload): Promise<Uint8Array<ArrayBuffer>> => {
  if (payload === null) return new Uint8Array(0);
  if (typeof payload === 'string') return encoder.encode(payload);
  return copyOf(isLive(payload) ? await readAll(payload.live) : await payload);
};
