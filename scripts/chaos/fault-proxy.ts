import { createServer, connect, type Socket } from 'node:net';

export type ProxyMode = 'up' | 'down' | 'slow';

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`-style host and port the clients are pointed at. */
  host: string;
  port: number;
  /**
   * `down`: every open connection is reset and every new one is reset on accept, which is what a
   * client sees of a stopped server (a reset instead of a refusal, so the port stays ours and no
   * other process can take it between "stop" and "start"). `slow`: every chunk in both directions
   * waits `latencyMs`. `up`: a plain pipe.
   */
  set: (mode: ProxyMode, latencyMs?: number) => void;
  mode: () => ProxyMode;
  /** Connections accepted so far (a test can show the client did reconnect). */
  accepted: () => number;
  close: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A TCP proxy in front of one shared local service that a chaos scenario can cut or slow without
 * touching the service itself: the other test files of a run keep using it.
 */
export const startFaultProxy = async (target: { host: string; port: number }): Promise<FaultProxy> => {
  let mode: ProxyMode = 'up';
  let latencyMs = 0;
  let accepted = 0;
  const open = new Set<Socket>();

  /** Copies `from` to `to`, delaying each chunk while slow (order kept: chunks wait in turn). */
  const pipe = (from: Socket, to: Socket) => {
    let chain = Promise.resolve();
    let pending = 0;
    from.on('data', (chunk) => {
      if (mode !== 'slow' && pending === 0) return void to.write(chunk);
      const delay = mode === 'slow' ? latencyMs : 0;
      pending += 1;
      from.pause();
      chain = chain
        .then(() => sleep(delay))
        .then(() => {
          pending -= 1;
          if (!to.destroyed) to.write(chunk);
          from.resume();
        });
    });
    from.on('end', () => void chain.then(() => to.end()));
  };

  const server = createServer((client) => {
    accepted += 1;
    if (mode === 'down') return void client.resetAndDestroy();
    const upstream = connect(target.port, target.host);
    open.add(client).add(upstream);
    const drop = () => {
      open.delete(client);
      open.delete(upstream);
      if (!client.destroyed) client.destroy();
      if (!upstream.destroyed) upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    pipe(client, upstream);
    pipe(upstream, client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as { port: number }).port;

  return {
    host: '127.0.0.1',
    port,
    set: (next, latency = 0) => {
      mode = next;
      latencyMs = latency;
      if (next === 'down') for (const socket of open) socket.resetAndDestroy();
    },
    mode: () => mode,
    accepted: () => accepted,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
