import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/kernel/index.ts';
import { problemResponse, toProblem } from '../../../shared/platform/http/problem.ts';

const named = (name: string, cause?: unknown) => Object.assign(new Error(name, { cause }), { name });
const coded = (code: string) => Object.assign(new Error(code), { code });

describe('toProblem for a dependency that did not answer', () => {
  it.each([
    ['a MongoDB server selection timeout', named('MongoServerSelectionError', named('MongoNetworkError'))],
    ['a MongoDB socket error', named('MongoNetworkError')],
    ['a pool cleared by a network error', named('MongoPoolClearedError')],
    ['fetch refused (Upstash, OAuth)', new TypeError('fetch failed', { cause: coded('ECONNREFUSED') })],
    ['fetch reset mid-answer', new TypeError('fetch failed', { cause: coded('UND_ERR_SOCKET') })],
    ['Chroma unreachable', named('ChromaConnectionError')],
    ['Stripe unreachable', named('StripeConnectionError')],
    ['an SMTP connection that failed', coded('ECONNECTION')],
    ['a request cut by its deadline', new DOMException('The operation was aborted due to timeout', 'TimeoutError')],
  ])('should answer 503 DEPENDENCY_UNAVAILABLE with Retry-After when the error is %s', async (_label, error) => {
    const { problem, isUnexpected, isDependencyFailure } = toProblem(error);
    expect({ status: problem.status, code: problem.code, isUnexpected, isDependencyFailure }).toEqual({
      status: 503,
      code: 'DEPENDENCY_UNAVAILABLE',
      isUnexpected: false,
      isDependencyFailure: true,
    });
    const response = problemResponse(problem);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(JSON.stringify(await response.json())).not.toContain('127.0.0.1');
  });

  it('should stay a 500 when the error is not a network failure', () => {
    expect(toProblem(new TypeError("Cannot read properties of undefined (reading 'x')")).problem.status).toBe(500);
    expect(toProblem(named('MongoServerError')).problem.status).toBe(500);
  });

  it('should give every unavailable domain error a Retry-After, keeping its own when it has one', () => {
    expect(toProblem(new DomainError('unavailable', 'FLOW_BUSY')).problem.retryAfter).toBe(5);
    expect(toProblem(new DomainError('unavailable', 'X', { extensions: { retryAfter: 30 } })).problem.retryAfter).toBe(30);
    expect(toProblem(new DomainError('conflict', 'X')).problem.retryAfter).toBeUndefined();
  });
});
