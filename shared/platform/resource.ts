import type { Logger } from 'pino';
import type { ConfigFragment, ConfigOf } from './config/index.ts';
import type { Recipient } from './privacy/data-map.ts';

/** What a resource learns about the function that creates it. */
export interface ResourceContext {
  functionName: string;
  log: Logger;
  /** The instances of the resources this one `requires`. */
  use: Use;
}

/**
 * A client a function may use (a database, a cache, an API). Declared in a definition's `uses`,
 * so its configuration is checked when the function starts; created on first use only, then
 * kept for the life of the instance (warm invocations reuse it).
 */
export interface Resource<T = unknown, F extends ConfigFragment = ConfigFragment> {
  name: string;
  config: F;
  /** Other resources this one is built on (their configuration is checked with it). */
  requires?: readonly ResourceRef[];
  /**
   * The outside party this client hands personal data to (a processor such as Stripe), for the
   * record of processing; absent for our own services.
   */
  recipient?: Recipient;
  create: (config: ConfigOf<F>, context: ResourceContext) => T;
  /** Closes the client when the host shuts down. */
  dispose?(value: T): Promise<void>;
  /**
   * Opens the client's connection ahead of need (a host calls it when an instance gets its first
   * request, so the network round trips overlap the request's own start-up work). Best effort.
   */
  warm?(value: T): Promise<unknown>;
}

/** Any resource, whatever its configuration. */
export interface ResourceRef<T = unknown> {
  name: string;
  config: ConfigFragment;
  requires?: readonly ResourceRef[];
  recipient?: Recipient;
  create: (config: never, context: ResourceContext) => T;
  dispose?(value: T): Promise<void>;
  warm?(value: T): Promise<unknown>;
}

export const defineResource = <T, F extends ConfigFragment>(resource: Resource<T, F>): Resource<T, F> => resource;

/** Returns the instance of a declared resource, creating it on first call. */
export type Use = <T>(resource: ResourceRef<T>) => T;
