import { HTTP } from 'cloudevents';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { DomainError } from '../../kernel/index.ts';
import type { FunctionDefinition } from '../definition/define.ts';
import { dispatchEvent, type IncomingEvent } from '../events/dispatch.ts';
import { createHttpApp } from '../http/create-app.ts';
import { problemResponse, toProblem } from '../http/problem.ts';
import { createRuntime, type Runtime } from '../runtime.ts';
import type { EventFunctionDefinition, CronFunctionDefinition } from '../definition/define.ts';

interface ScheduledEvent {
  'detail-type': 'Scheduled Event';
  id: string;
  time: string;
}
interface ApiGatewayEvent {
  headers?: Record<string, string | undefined>;
  body?: string | null;
  isBase64Encoded?: boolean;
}
interface LambdaResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const isScheduled = (event: unknown): event is ScheduledEvent =>
  typeof event === 'object' && event !== null && (event as { 'detail-type'?: unknown })['detail-type'] === 'Scheduled Event';

const result = async (response: Response): Promise<LambdaResult> => ({
  statusCode: response.status,
  headers: Object.fromEntries(response.headers),
  body: await response.text(),
});

/** A CloudEvent POSTed by the local broker (binary or structured mode), as an API Gateway event. */
const fromHttpEvent = (event: ApiGatewayEvent): IncomingEvent => {
  const raw = event.body ?? '';
  const body = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v ?? '']));
  try {
    return HTTP.toEvent({ headers, body }) as unknown as IncomingEvent;
  } catch (cause) {
    throw new DomainError('invalid', 'NOT_A_CLOUDEVENT', { detail: 'The request is not a valid CloudEvent.', cause });
  }
};

const eventHandler =
  (definition: EventFunctionDefinition | CronFunctionDefinition, runtime: Runtime) =>
  async (event: unknown): Promise<LambdaResult> => {
    try {
      // serverless-offline's `schedule` events arrive as EventBridge "Scheduled Event"s; as in
      // production (a PingSource), the function sees a tick addressed to itself.
      const incoming: IncomingEvent = isScheduled(event)
        ? { id: event.id, type: 'dev.knative.sources.ping', source: 'serverless-offline/schedule', time: event.time, job: runtime.name }
        : fromHttpEvent(event as ApiGatewayEvent);
      await dispatchEvent(definition, runtime, incoming);
      return { statusCode: 204, headers: {}, body: '' };
    } catch (error) {
      return result(problemResponse(toProblem(error).problem));
    }
  };

/**
 * serverless-offline hands each Set-Cookie line to hapi as `name=<the rest of the line>`, which hapi
 * refuses (`;` in a value): a 500 whose log line holds the cookie's value. So locally a cookie goes
 * without its attributes, and hapi adds its defaults (Secure, HttpOnly, SameSite=Strict; no Path or
 * Max-Age). Development only: the Knative host sends our Set-Cookie lines as they are.
 */
const withoutCookieAttributes = <T>(result: T): T => {
  const value = (cookie: string) => cookie.split(';')[0] ?? '';
  const lambda = result as { multiValueHeaders?: Record<string, string[]>; cookies?: string[] };
  const multi = lambda.multiValueHeaders?.['set-cookie'];
  if (multi) lambda.multiValueHeaders!['set-cookie'] = multi.map(value);
  if (Array.isArray(lambda.cookies)) lambda.cookies = lambda.cookies.map(value);
  return result;
};

/**
 * The Lambda host, used by serverless-offline in development. The same definitions and the
 * same Hono apps as the Knative host; only the envelope differs. `name` is the function's name,
 * which the generated entry passes (`<domain>-<file>`).
 */
export const createLambdaHandler = (definition: FunctionDefinition, name: string, env = process.env) => {
  const runtime = createRuntime({ ...definition, name }, env);
  if (definition.kind === 'http') {
    const handler = handle(createHttpApp(definition, runtime));
    return async (event: LambdaEvent) => withoutCookieAttributes(await handler(event));
  }
  return eventHandler(definition, runtime);
};
