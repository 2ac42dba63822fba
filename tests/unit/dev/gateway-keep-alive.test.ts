import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway } from '../../../scripts/dev/gateway/server.ts';

/**
 * A function process whose server drops an idle keep-alive connection just as the next request
 * arrives on it (its keep-alive timeout racing the gateway's agent): the first request on each
 * connection is answered, a second one on the same connection is reset without an answer.
 */
const startFlakyUpstream = () =>
  new Promise<{ server: TcpServer; port: number; bodies: string[] }>((resolve) => {
    const bodies: string[] = [];
    const sockets = new Set<Socket>();
    const server = createTcpServer((socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      let answered = false;
      let buffered = '';
      socket.on('data', (chunk) => {
        if (answered) return void socket.resetAndDestroy();
        buffered += chunk.toString();
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/content-length: (\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        answered = true;
        bodies.push(buffered.slice(end + 4, end + 4 + length));
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\nok');
      });
    });
    server.on('close', () => sockets.forEach((socket) => socket.destroy()));
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port, bodies }));
  });

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

describe('the local gateway, over keep-alive connections to a function', () => {
  it('should send a request again on a new connection when a reused one is reset before any answer', async () => {
    const upstream = await startFlakyUpstream();
    const gateway: Server = await startGateway({
      port: 0,
      routes: [{ pathType: 'PathPrefix', pathValue: '/', service: 'flaky' }],
      pool: { instanceOf: async () => ({ port: upstream.port, child: null as never }), stop: async () => {} },
      log: () => {},
    });
    closing.push(
      () => new Promise((resolve) => (gateway.close(() => resolve()), gateway.closeAllConnections())),
      () => new Promise((resolve) => (upstream.server.close(() => resolve()), upstream.server.emit('close'))),
    );
    const url = `http://127.0.0.1:${(gateway.address() as { port: number }).port}`;
    const statuses = [];
    for (const body of ['one', 'two', 'three']) {
      const response = await fetch(`${url}/v1/things`, { method: 'POST', body });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect({ statuses, bodies: upstream.bodies }).toEqual({ statuses: [200, 200, 200], bodies: ['one', 'two', 'three'] });
  });
});
