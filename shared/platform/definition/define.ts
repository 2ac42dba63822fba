import type { RouteConfig, RouteHandler } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { AppEnv } from '../http/env.ts';
import type { ResourceRef, Use } from '../resource.ts';
import type { EventData, EventType } from '../events/catalog.ts';
import type { Access, FunctionMetadata, RateLimit } from './metadata.ts';
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
  /** The clients the handler uses; their configuration is checked when the function starts. */
  uses: readonly ResourceRef[];
}

/**
 * An HTTP function as its file exports it. Its name and domain come from the file's path
 * (identity.ts); the access decision carries its authenticator and the rate-limit class its
 * limiter, so neither can be forgotten.
 */
export interface HttpFunctionDefinition<R extends RouteConfig = RouteConfig> extends FunctionMetadata, Common {
  kind: 'http';
  route: R;
  access: Access;
  rateLimit: RateLimit;
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

/** What a definition states: its own fields, and the metadata that has no default. */
export type DefinitionInput<D> = MetadataInput & Omit<D, keyof FunctionMetadata | 'kind'>;
export type HttpFunctionInput<R extends RouteConfig = RouteConfig> = DefinitionInput<HttpFunctionDefinition<R>>;
export type EventFunctionInput<T extends EventType = EventType> = DefinitionInput<EventFunctionDefinition<T>>;
export type CronFunctionInput = DefinitionInput<CronFunctionDefinition>;

export const defineHttpFunction = <R extends RouteConfig>(input: HttpFunctionInput<R>): HttpFunctionDefinition<R> => ({
  ...input,
  ...withDefaults(input),
  kind: 'http',
});

export const defineEventFunction = <T extends EventType>(input: EventFunctionInput<T>): EventFunctionDefinition<T> => ({
  ...input,
  ...withDefaults(input),
  kind: 'event',
});

export const defineCronFunction = (input: CronFunctionInput): CronFunctionDefinition => ({
  ...input,
  ...withDefaults(input),
  kind: 'cron',
});
