import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { DomainError, errorKinds, type ErrorKind } from '../../../shared/kernel/index.ts';
import { problemContentType, problemResponse, toProblem } from '../../../shared/platform/http/problem.ts';

describe('toProblem', () => {
  it.each([
    ['invalid', 400],
    ['unauthenticated', 401],
    ['payment_required', 402],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['precondition', 412],
    ['too_large', 413],
    ['precondition_required', 428],
    ['unprocessable', 422],
    ['rate_limited', 429],
    ['not_implemented', 501],
    ['unavailable', 503],
  ] satisfies [ErrorKind, number][])('should answer %s with status %i when a domain error has that kind', (kind, status) => {
    const { problem, isUnexpected } = toProblem(new DomainError(kind, 'SOME_CODE'));
    expect(problem.status).toBe(status);
    expect(problem.code).toBe('SOME_CODE');
    expect(problem.type).toBe('https://docs.uxflow.dev/problems/some-code');
    expect(isUnexpected).toBe(false);
  });

  it('should cover every error kind when mapping', () => {
    for (const kind of errorKinds) expect(toProblem(new DomainError(kind, 'X')).problem.status).toBeGreaterThanOrEqual(400);
  });

  it('should keep detail and extensions but never the cause when a domain error carries them', () => {
    const cause = new Error('E11000 duplicate key error collection: secret.internal');
    const { problem } = toProblem(
      new DomainError('payment_required', 'INSUFFICIENT_CREDITS', {
        detail: 'Not enough credits.',
        extensions: { balance: 2, cost: 10 },
        cause,
      }),
    );
    expect(problem).toMatchObject({ detail: 'Not enough credits.', balance: 2, cost: 10 });
    expect(JSON.stringify(problem)).not.toContain('E11000');
  });

  it('should hide the message of an unknown error when it is not a domain error', () => {
    const { problem, isUnexpected } = toProblem(new TypeError('cannot read properties of undefined (reading "db")'));
    expect(problem.status).toBe(500);
    expect(problem.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(problem)).not.toContain('undefined');
    expect(isUnexpected).toBe(true);
  });

  it('should keep the status of a client HTTP exception when middleware raised it', () => {
    const { problem } = toProblem(new HTTPException(401, { message: 'no token' }));
    expect(problem.status).toBe(401);
    expect(problem.code).toBe('UNAUTHENTICATED');
  });

  it('should send Retry-After when a problem carries retryAfter seconds', () => {
    const response = problemResponse(
      toProblem(new DomainError('rate_limited', 'ACCOUNT_LOCKED', { extensions: { retryAfter: 299.2 } })).problem,
    );
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('300');
  });

  it('should serve problem+json when building a response', async () => {
    const response = problemResponse(toProblem(new DomainError('conflict', 'FLOW_CONFLICT')).problem);
    expect(response.headers.get('content-type')).toBe(problemContentType);
    expect(response.status).toBe(409);
    expect((await response.json()) as unknown).toMatchObject({ code: 'FLOW_CONFLICT', title: 'Conflict' });
  });
});
