import * as functions from '@google-cloud/functions-framework';
import type { CloudEvent } from '@google-cloud/functions-framework';
import type { FunctionDefinition } from '../definition/define.ts';
import { dispatchEvent } from '../events/dispatch.ts';
import { createHttpApp } from '../http/create-app.ts';
import { problemResponse, toProblem } from '../http/problem.ts';
import { createRuntime } from '../runtime.ts';
import { answerClientErrorsAsProblems } from './client-errors.ts';
import { answerFrameworkErrorsAsProblems } from './framework-errors.ts';
import { toFetchRequest, writeFetchResponse } from './node-fetch-bridge.ts';

/** The app's answer; a request the bridge cannot express (a malformed Host, a TRACE) gets its problem+json 400. */
const answer = async (app: { fetch: (request: Request) => Response | Promise<Response> }, req: Parameters<typeof toFetchRequest>[0]) => {
  let request: Request;
  try {
    request = toFetchRequest(req);
  } catch (error) {
    return problemResponse(toProblem(error).problem);
  }
  return app.fetch(request);
};

/**
 * Registers a definition with the Functions Framework, the host of our Knative Services, as the
 * target `name` (the function's name, which the generated entry passes: `<domain>-<file>`).
 * Configuration is parsed here, at start, so a missing variable stops the instance with a
 * message naming it; clients are created on first use. HTTP functions see a fetch Request
 * built from the raw body (webhook signatures need the exact bytes); event and cron functions
 * use the CloudEvent signature (a PingSource delivers cron ticks as CloudEvents).
 * (Hono's own Node adapter was measured here: it loads node:http2 and more at start and cost
 * every function ~25 % more cold start than this small bridge.)
 */
export const registerKnativeFunction = (definition: FunctionDefinition, name: string, env = process.env): void => {
  const runtime = createRuntime({ ...definition, name }, env);
  if (definition.kind === 'http') {
    answerFrameworkErrorsAsProblems();
    answerClientErrorsAsProblems();
    const app = createHttpApp(definition, runtime);
    functions.http(name, async (req, res) => {
      // Connect first: the database handshake then runs while this request builds its Request.
      runtime.warm();
      await writeFetchResponse(await answer(app, req), res);
    });
    return;
  }
  functions.cloudEvent<unknown>(name, (event: CloudEvent<unknown>) => {
    runtime.warm();
    return dispatchEvent(definition, runtime, event);
  });
};
