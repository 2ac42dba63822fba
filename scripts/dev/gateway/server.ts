import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { answerClientError } from '../../../shared/platform/hosts/client-errors.ts';
import type { InstancePool } from './instances.ts';
import type { LocalRoute } from './manifests.ts';
import { routeRequest } from './routing.ts';

/** Where the local broker and the scheduler reach an event or cron function (cluster-local in production). */
export const localEventPath = (name: string) => `/_events/${name}`;
const eventPath = /^\/_events\/([a-z0-9-]+)$/;

/** Per-hop headers: each connection has its own (RFC 9110 §7.6.1). */
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

const withoutHopByHop = (raw: readonly string[]): string[] => {
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (!hopByHop.has(raw[i]!.toLowerCase())) kept.push(raw[i]!, raw[i + 1]!);
  return kept;
};

const problem = (res: ServerResponse, status: number, code: string, detail: string) => {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': 'application/problem+json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ type: 'about:blank', title: 'Local gateway', status, code, detail }));
};

/**
 * The development stand-in for the Gateway API and Knative's routing: each request goes to the
 * function the generated HTTPRoutes name (`/_events/<name>` to an event or cron function's root,
 * as the Broker and PingSources deliver), through that function's own Functions Framework
 * process. Status, headers (every Set-Cookie line as the function wrote it) and body pass through
 * byte for byte. The client's X-Forwarded-For is kept (set to the peer when absent), so a local
 * script can stand for several addresses.
 */
export const startGateway = (options: {
  port: number;
  routes: readonly LocalRoute[];
  pool: InstancePool;
  log: (line: string) => void;
}): Promise<Server> => {
  const agent = new Agent({ keepAlive: true });
  const forward = async (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0]!;
    const event = eventPath.exec(path);
    const target = event ? event[1]! : routeRequest(options.routes, req.method ?? 'GET', path);
    if (!target) return problem(res, 404, 'ROUTE_NOT_FOUND', `No route for ${req.method} ${path}.`);
    const instance = await options.pool.instanceOf(target);
    const headers = withoutHopByHop(req.rawHeaders);
    if (!req.headers['x-forwarded-for']) headers.push('x-forwarded-for', req.socket.remoteAddress ?? '127.0.0.1');
    // Buffered, so that a request can be sent again (bodies are bounded by the functions' own limits).
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const send = (again: boolean) => {
      const upstream = request({
        host: '127.0.0.1',
        port: instance.port,
        method: req.method,
        path: event ? '/' : url,
        headers,
        agent: again ? false : agent,
      });
      upstream.once('response', (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, withoutHopByHop(answer.rawHeaders));
        answer.pipe(res);
      });
      upstream.once('error', (error: NodeJS.ErrnoException) => {
        // The function's server closed an idle keep-alive connection as this request went out on it
        // (its keep-alive timeout racing the agent's): the request was never read, so it goes again,
        // once, on a new connection — what Node's documentation prescribes for `reusedSocket`.
        if (!again && upstream.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) return send(true);
        options.log(`[gateway] ${target}: ${String(error)}`);
        problem(res, 502, 'FUNCTION_UNAVAILABLE', `${target} did not answer.`);
      });
      upstream.end(body);
    };
    send(false);
  };
  const server = createServer((req, res) => {
    forward(req, res).catch((error: unknown) => {
      options.log(`[gateway] ${req.method} ${req.url}: ${String(error)}`);
      problem(res, 502, 'FUNCTION_UNAVAILABLE', 'The function did not start; see the fleet log.');
    });
  });
  // A request line and headers over Node's 16 KB limit: problem+json 431, as the functions answer it.
  server.on('clientError', answerClientError);
  server.on('close', () => agent.destroy());
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve(server));
  });
};
