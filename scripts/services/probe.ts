import { connect } from 'node:net';

export type TcpProbeOptions = {
  /** Bytes to write once connected (e.g. `PING\r\n`). */
  send?: string;
  /** The first bytes read must start with this; without it a connection is enough. */
  expect?: string;
  timeoutMs?: number;
};

/** Resolves `true` when `host:port` accepts a connection (and answers as expected); never throws. */
export function tcpProbe(host: string, port: number, options: TcpProbeOptions = {}): Promise<boolean> {
  const { send, expect, timeoutMs = 1_000 } = options;
  return new Promise((resolvePromise) => {
    const socket = connect({ host, port });
    let received = '';
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolvePromise(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => {
      if (expect === undefined) return finish(true);
      if (send !== undefined) socket.write(send);
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.length >= (expect ?? '').length) finish(received.startsWith(expect ?? ''));
    });
  });
}

/** Resolves `true` when `url` answers with a status accepted by `isOk` (default: 2xx); never throws. */
export async function httpProbe(
  url: string,
  init: RequestInit = {},
  isOk: (status: number) => boolean = (status) => status >= 200 && status < 300,
): Promise<boolean> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return isOk(response.status);
  } catch {
    return false;
  }
}
