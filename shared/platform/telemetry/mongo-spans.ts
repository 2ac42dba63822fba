import { context, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { asException } from './exception.ts';

/** The parts of the driver's command-monitoring events a span needs (no command body: it holds personal data). */
interface CommandEvent {
  requestId: number;
  connectionId?: string | number;
  address: string;
  databaseName?: string;
  commandName: string;
  command?: Record<string, unknown>;
}

const key = (event: CommandEvent) => `${String(event.connectionId)}:${event.requestId}`;

/**
 * CLIENT spans for MongoDB commands from the driver's command monitoring (`monitorCommands`),
 * opened in the caller's context: the driver sends a command in the async context of the
 * operation that awaited it. Span name and attributes follow the database semantic conventions;
 * filters and documents are never recorded.
 */
export const createMongoCommandSpans = (tracer: Tracer) => {
  const open = new Map<string, Span>();
  const end = (event: CommandEvent, failure?: unknown) => {
    const span = open.get(key(event));
    if (!span) return;
    open.delete(key(event));
    if (failure !== undefined) {
      span.recordException(asException(failure));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  };
  return {
    started: (event: CommandEvent) => {
      const active = context.active();
      if (!trace.getSpanContext(active)) return;
      const collection = event.command?.[event.commandName];
      const [host, port] = event.address.split(':');
      const span = tracer.startSpan(
        typeof collection === 'string' ? `${event.commandName} ${collection}` : event.commandName,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'db.system.name': 'mongodb',
            'db.operation.name': event.commandName,
            ...(event.databaseName ? { 'db.namespace': event.databaseName } : {}),
            ...(typeof collection === 'string' ? { 'db.collection.name': collection } : {}),
            'server.address': host ?? event.address,
            ...(port ? { 'server.port': Number(port) } : {}),
          },
        },
        active,
      );
      open.set(key(event), span);
    },
    succeeded: (event: CommandEvent) => end(event),
    failed: (event: CommandEvent & { failure: unknown }) => end(event, event.failure),
  };
};
