import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuthContext } from './http/auth-context.ts';

/** What the request being served is: the audit log stamps its entries with it. */
export interface RequestScope {
  requestId: string;
  traceId: string;
  /** The request's own span as a W3C `traceparent`, handed on to the events it publishes. */
  traceparent?: string;
  /** The caller, once the access guard has authenticated them. */
  auth: () => AuthContext | undefined;
}

// One store per process, not state: each request's scope lives in its own async context, so a
// domain service deep in a call can be audited with its request's ids without passing them down.
const scopes = new AsyncLocalStorage<RequestScope>();

/** Runs `work` (the rest of the request pipeline) in `scope`. */
export const runInRequestScope = <T>(scope: RequestScope, work: () => T): T => scopes.run(scope, work);

/** The request being served, or null outside one (crons, event consumers, scripts). */
export const currentRequest = (): RequestScope | null => scopes.getStore() ?? null;
