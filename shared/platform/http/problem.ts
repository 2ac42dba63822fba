import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isDomainError, type ErrorKind } from '../../kernel/index.ts';
import { dependencyRetryAfterSeconds, isDependencyFailure } from './dependency-failure.ts';

/** RFC 9457 problem details, with our stable `code` and the request id for support. */
export interface Problem {
  type: string;
  title: string;
  status: ContentfulStatusCode;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  [extension: string]: unknown;
}

export const problemContentType = 'application/problem+json';
const typeBase = 'https://docs.uxflow.dev/problems/';

const statusByKind: Record<ErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthenticated: 401,
  payment_required: 402,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition: 412,
  too_large: 413,
  precondition_required: 428,
  unprocessable: 422,
  rate_limited: 429,
  not_implemented: 501,
  unavailable: 503,
};

const titleByStatus: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

const codeByStatus: Partial<Record<number, string>> = {
  401: 'UNAUTHENTICATED',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
};

const build = (status: ContentfulStatusCode, code: string, rest: Partial<Problem> = {}): Problem => ({
  type: `${typeBase}${code.toLowerCase().replaceAll('_', '-')}`,
  title: titleByStatus[status] ?? 'Error',
  status,
  code,
  ...rest,
});

/**
 * The one mapper from errors to problem documents. Domain errors keep their code and safe
 * detail; HTTP exceptions raised by middleware keep their status; a dependency that did not
 * answer (a driver's network error, wherever a function met it) is a 503 `DEPENDENCY_UNAVAILABLE`
 * (`isDependencyFailure` tells the caller to log it as a warning); anything else is a bare 500
 * (`isUnexpected` tells the caller to log the cause — it is never sent). Every 503 carries
 * `retryAfter`, sent as `Retry-After` too, so clients back off instead of hammering a recovering service.
 */
export const toProblem = (error: unknown): { problem: Problem; isUnexpected: boolean; isDependencyFailure?: boolean } => {
  if (isDomainError(error)) {
    const detail = error.detail === undefined ? {} : { detail: error.detail };
    const retry =
      error.kind === 'unavailable' && error.extensions.retryAfter === undefined ? { retryAfter: dependencyRetryAfterSeconds } : {};
    return { problem: build(statusByKind[error.kind], error.code, { ...retry, ...error.extensions, ...detail }), isUnexpected: false };
  }
  if (error instanceof HTTPException && error.status < 500) {
    const status = error.status;
    return {
      problem: build(status, codeByStatus[status] ?? `HTTP_${status}`, { detail: error.message || undefined }),
      isUnexpected: false,
    };
  }
  if (isDependencyFailure(error)) {
    return {
      problem: build(503, 'DEPENDENCY_UNAVAILABLE', {
        detail: 'A service this request depends on is not answering; try again shortly.',
        retryAfter: dependencyRetryAfterSeconds,
      }),
      isUnexpected: false,
      isDependencyFailure: true,
    };
  }
  return { problem: build(500, 'INTERNAL_ERROR', { detail: 'An unexpected error occurred.' }), isUnexpected: true };
};

/** The problem as a response; a `retryAfter` (seconds) member is also sent as the standard `Retry-After` header. */
export const problemResponse = (problem: Problem, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: {
      'content-type': problemContentType,
      ...(typeof problem.retryAfter === 'number' ? { 'retry-after': String(Math.ceil(problem.retryAfter)) } : {}),
      ...headers,
    },
  });
