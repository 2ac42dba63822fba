import { appendFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { HTTP, type CloudEvent } from 'cloudevents';
import { deliver } from './deliver.ts';
import { matches, type DeliverySpec, type TriggerRoute } from './triggers.ts';

export interface LocalBrokerOptions {
  port: number;
  triggers: readonly TriggerRoute[];
  delivery: DeliverySpec;
  /** Where a subscriber (function name) receives events. */
  subscriberUrl: (functionName: string) => string;
  /** Dead letters are appended here as JSON lines, and logged. */
  deadLetterFile: string;
  log: (line: Record<string, unknown>) => void;
}

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * The development stand-in for the Knative Broker: accepts CloudEvents (binary or structured) on
 * POST /, answers 202, then fans each out to the Triggers whose filters match, with the Broker's
 * retries and backoff; what still fails is dead-lettered.
 */
export const startLocalBroker = (options: LocalBrokerOptions): Promise<Server> => {
  const fanOut = async (event: CloudEvent) => {
    const attributes = event.toJSON();
    const targets = options.triggers.filter((t) => matches(t.filter, attributes));
    if (targets.length === 0) options.log({ msg: 'no trigger matched', id: event.id, type: event.type });
    await Promise.all(
      targets.map(async (trigger) => {
        const result = await deliver(event, options.subscriberUrl(trigger.subscriber), options.delivery);
        options.log({ msg: result.ok ? 'delivered' : 'dead letter', trigger: trigger.name, id: event.id, type: event.type, ...result });
        if (!result.ok) {
          const entry = { at: new Date().toISOString(), trigger: trigger.name, event: attributes, ...result };
          await appendFile(options.deadLetterFile, `${JSON.stringify(entry)}\n`);
        }
      }),
    );
  };

  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') return void res.writeHead(200).end('ok');
    if (req.method !== 'POST') return void res.writeHead(405).end();
    readBody(req)
      .then((body) => {
        const event = HTTP.toEvent({ headers: req.headers, body }) as CloudEvent;
        res.writeHead(202).end();
        void fanOut(event).catch((error: unknown) => options.log({ msg: 'fan-out failed', error: String(error) }));
      })
      .catch((error: unknown) => {
        res.writeHead(400, { 'content-type': 'text/plain' }).end(`not a CloudEvent: ${String(error)}`);
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve(server));
  });
};
