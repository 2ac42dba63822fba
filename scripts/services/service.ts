import type { Started } from './process.ts';

export const serviceNames = ['mongodb', 'redis', 'upstash', 'chroma', 'embeddings', 'stripe', 'mail', 'oauth', 'tracing'] as const;
export type ServiceName = (typeof serviceNames)[number];

export function isServiceName(value: string): value is ServiceName {
  return (serviceNames as readonly string[]).includes(value);
}

/** One local service: how to install it, start it, tell that it answers, and reach it. */
export type Service = {
  name: ServiceName;
  /** What runs, e.g. `FerretDB 1.24.2 (SQLite)`. */
  description: string;
  /** Where it listens, for `status`. */
  address: string;
  /** When this variable is set, an external service is used and the local one is skipped. */
  overrideVar?: string;
  /**
   * Slow to start and needed by few: `npm run dev` starts it without waiting for it to answer
   * (`ensureServices` still waits when asked for it by name or for all).
   */
  background?: boolean;
  /** Started only when asked for by name (`up tracing`), never by a bare `up` or `ensureServices()`. */
  optional?: boolean;
  /** Services that must answer before this one starts. */
  dependsOn?: readonly ServiceName[];
  /** The variables pointing at the local service (the contract other scripts rely on). */
  env: Readonly<Record<string, string>>;
  /** `true` when the service answers; never throws. */
  probe: () => Promise<boolean>;
  /** Installs what the service needs; quick when already installed; throws `InstallError`. */
  install: () => Promise<void>;
  /** Starts the service detached (pid file + log under `.data/`). */
  start: () => Started;
  /** How long `up` waits for it to answer after starting. */
  startTimeoutMs: number;
};
