/** What a light body holds: text or bytes as given, or bytes still being read from a foreign body. */
export type Payload = string | Uint8Array | Promise<Uint8Array> | null;

const encoder = new TextEncoder();

const copyOf = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
};

/** A fresh copy of the payload's bytes (the standard hands every reader its own buffer). */
export const toBytes = async (payload: Payload): Promise<Uint8Array<ArrayBuffer>> =>
  payload === null ? new Uint8Array(0) : typeof payload === 'string' ? encoder.encode(payload) : copyOf(await payload);
