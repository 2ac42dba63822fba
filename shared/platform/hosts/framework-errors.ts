import express from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { problemContentType, type Problem } from '../http/problem.ts';

/** What body-parser attaches to the errors it passes on (`http-errors`). */
interface BodyParserError {
  status?: number;
  statusCode?: number;
  type?: string;
}

const problemFor = (error: unknown): Problem => {
  const { status: raw, statusCode, type } = (error ?? {}) as BodyParserError;
  const status = raw ?? statusCode ?? 400;
  if (status === 413)
    return { type: 'https://docs.uxflow.dev/problems/payload-too-large', title: 'Content Too Large', status, code: 'PAYLOAD_TOO_LARGE' };
  if (status === 415)
    return {
      type: 'https://docs.uxflow.dev/problems/unsupported-media-type',
      title: 'Unsupported Media Type',
      status,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    };
  const detail =
    type === 'entity.parse.failed' ? 'The request body is not valid for its Content-Type.' : 'The request body could not be read.';
  return {
    type: 'https://docs.uxflow.dev/problems/validation-failed',
    title: 'Bad Request',
    status: 400,
    code: 'VALIDATION_FAILED',
    detail,
  };
};

let installed = false;

/**
 * The Functions Framework parses request bodies (body-parser) before our function runs, and a body
 * it cannot parse (malformed JSON under `Content-Type: application/json`, an unknown charset or
 * encoding) never reaches the function: Express's final handler answered it with an HTML page that
 * carried the stack trace and our file paths. Express 5 apps take their `handle` from
 * `express.application` when created, so replacing its default final handler here (before the
 * framework builds its app) turns those into our problem+json. Only errors raised before the
 * function reach it; the function itself answers everything else.
 */
export const answerFrameworkErrorsAsProblems = (): void => {
  if (installed) return;
  installed = true;
  const application = express.application as unknown as {
    handle: (req: IncomingMessage, res: ServerResponse, callback?: (error?: unknown) => void) => void;
  };
  const handle = application.handle;
  application.handle = function (this: unknown, req, res, callback) {
    const final = (error?: unknown) => {
      if (res.headersSent) return void res.destroy();
      const problem: Problem =
        error === undefined ? { type: 'about:blank', title: 'Not Found', status: 404, code: 'ROUTE_NOT_FOUND' } : problemFor(error);
      res.writeHead(problem.status, {
        'content-type': problemContentType,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(JSON.stringify({ ...problem, instance: req.url?.split('?')[0] }));
    };
    return handle.call(this, req, res, callback ?? final);
  };
};
