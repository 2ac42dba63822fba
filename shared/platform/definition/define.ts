import type { RouteConfig, RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv } from '../http/env.ts';
import type { ResourceRef, Use } from '../resource.ts';
import type { Authenticator } from '../http/auth-context.ts';
import type { RateLimiter } from '../rate-limit/rate-limiter.ts';
import type { EventData, EventType } from '../events/catalog.ts';
import type { Access, FunctionMetadata } from './metadata.ts';
import { withDefaults, type MetadataInput } from './defaults.ts';

/** What event and cron handlers receive besides their input. */
export interface InvocationContext {
  log: Logger;
  use: Use;
}

/** A delivered CloudEvent, its data already checked against the catalog schema. */
export interface DeliveredEvent<T extends EventType> {
  id: string;
  type: T;
  source: string;
  subject: string | undefined;
  time: string | undefined;
  data: EventData<T>;
}

/** One tick of a schedule (a PingSource event in production). */
export interface CronTick {
  id: string;
  /** The function the tick was meant for. */
  job: string;
  time: string;
}

interface Common {
  uses: readonly ResourceRef[];
}

export interface HttpFunctionDefinition<R extends RouteConfig = RouteConfig> extends FunctionMetadata, Common {
  kind: 'http';
  route: R;
  access: Access;
  /** Required when access is `authenticated` or `platform`: establishes the caller, checks the permission. */
  authenticator?: ResourceRef<Authenticator>;
  /**
   * Enforces the `rateLimit` class (`shared/infra/upstash/rate-limiter-resource.ts`); required
   * unless the class is `none` or `webhook` (a test walks every function).
   */
  rateLimiter?: ResourceRef<RateLimiter>;
  /**
   * Derives a per-account rate-limit key from the request (e.g. the normalised e-mail of the
   * body; Hono caches the parsed body, so validation can still read it). Null: none.
   */
  rateLimitKey?(this: void, c: Context<AppEnv>): Promise<string | null>;
  /** A body limit of its own (bytes) instead of `BODY_LIMIT_BYTES`, e.g. for 5 MB flow documents. */
  maxBodyBytes?: number;
  // Method syntax keeps every concrete definition assignable to FunctionDefinition.
  handler(this: void, ...args: Parameters<RouteHandler<R, AppEnv>>): ReturnType<RouteHandler<R, AppEnv>>;
}

export interface EventFunctionDefinition<T extends EventType = EventType> extends FunctionMetadata, Common {
  kind: 'event';
  /** CloudEvent types this function subscribes to; one Trigger each. */
  events: readonly T[];
  handler(this: void, event: DeliveredEvent<T>, ctx: InvocationContext): Promise<void>;
}

export interface CronFunctionDefinition extends FunctionMetadata, Common {
  kind: 'cron';
  /** Five-field cron expression, evaluated in UTC. */
  schedule: string;
  handler: (tick: CronTick, ctx: InvocationContext) => Promise<void>;
}

export type FunctionDefinition = HttpFunctionDefinition | EventFunctionDefinition | CronFunctionDefinition;

type Input<D> = MetadataInput & Omit<D, keyof FunctionMetadata | 'kind'>;

export const defineHttpFunction = <R extends RouteConfig>(input: Input<HttpFunctionDefinition<R>>): HttpFunctionDefinition<R> => ({
  ...input,
  ...withDefaults(input),
  kind: 'http',
});

export const defineEventFunction = <T extends EventType>(input: Input<EventFunctionDefinition<T>>): EventFunctionDefinition<T> => ({
  ...input,
  ...withDefaults(input),
  kind: 'event',
});

export const defineCronFunction = (input: Input<CronFunctionDefinition>): CronFunctionDefinition => ({
  ...input,
  ...withDefaults(input),
  kind: 'cron',
});
