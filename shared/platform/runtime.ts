import type { Logger } from 'pino';
import { loadConfig, platformConfig, type ConfigFragment, type LoadedConfig } from './config/index.ts';
import type { Access, RateLimit } from './definition/metadata.ts';
import { createLogger } from './logger.ts';
import type { ResourceRef, Use } from './resource.ts';
import { createTelemetry, type Telemetry } from './telemetry/telemetry.ts';

export type PlatformConfig = LoadedConfig<[typeof platformConfig]>;

/** What a host keeps for the life of an instance: parsed config, the logger, lazily made clients. */
export interface Runtime {
  name: string;
  config: PlatformConfig;
  log: Logger;
  use: Use;
  /** Closes every client created so far. */
  close: () => Promise<void>;
  /**
   * Starts connecting every declared client that can warm up, without waiting; failures are
   * logged at debug level (the request that needs the client reports them). Idempotent.
   */
  warm: () => void;
  /** Spans and RED metrics (a no-op unless an OTLP endpoint is configured). */
  telemetry: Telemetry;
}

/** The declared resources and, transitively, those they require. */
export const withRequirements = (uses: readonly ResourceRef[]): ResourceRef[] => {
  const all = new Set<ResourceRef>();
  const visit = (resource: ResourceRef) => {
    if (all.has(resource)) return;
    all.add(resource);
    resource.requires?.forEach(visit);
  };
  uses.forEach(visit);
  return [...all];
};

/** What the runtime needs of a function: its name, its clients, and those its pipeline brings. */
export interface RuntimeSubject {
  /** The function's name (`<domain>-<file>`): hosts get it from the generated entry. */
  name: string;
  uses: readonly ResourceRef[];
  /** An HTTP function's access decision: a guarded one carries its authenticator and refusal limiter. */
  access?: Access | undefined;
  /** An HTTP function's rate-limit class: a limited one carries its limiter. */
  rateLimit?: RateLimit | undefined;
  /** The definition's cost tags, carried on its spans. */
  costTags?: Readonly<Record<string, string>> | undefined;
}

/** The resources a function declares, and those its access decision and rate-limit class carry. */
export const resourcesOf = (subject: Omit<RuntimeSubject, 'name'>): ResourceRef[] =>
  withRequirements([
    ...subject.uses,
    ...(subject.access && 'authenticator' in subject.access ? [subject.access.authenticator, subject.access.limiter] : []),
    ...(subject.rateLimit && 'limiter' in subject.rateLimit ? [subject.rateLimit.limiter] : []),
  ]);

/**
 * The configuration a function reads: the platform's fragment and that of every resource it
 * declares, its pipeline brings, or they require. The same set is checked at start (createRuntime)
 * and, over every function, becomes the runtime secret's keys and the documented variables, so no
 * fragment can be forgotten in either.
 */
export const configFragmentsOf = (subject: Omit<RuntimeSubject, 'name'>): ConfigFragment[] => [
  platformConfig,
  ...resourcesOf(subject).map((resource) => resource.config),
];

/**
 * Parses configuration for the platform and every declared resource (throwing a ConfigError that
 * names each bad variable), and nothing more: clients are created on first `use`.
 */
export const createRuntime = (definition: RuntimeSubject, env: Record<string, string | undefined> = process.env): Runtime => {
  const resources = resourcesOf(definition);
  const config = loadConfig(configFragmentsOf(definition), env) as unknown as PlatformConfig;
  const log = createLogger({ name: definition.name, level: config.LOG_LEVEL, version: config.SERVICE_VERSION });
  const declared = new Set(resources.map((resource) => resource.name));
  const instances = new Map<ResourceRef, unknown>();

  const use: Use = <T>(resource: ResourceRef<T>): T => {
    if (!declared.has(resource.name)) {
      throw new Error(`function ${definition.name} uses resource ${resource.name} without declaring it in 'uses'`);
    }
    if (!instances.has(resource)) instances.set(resource, resource.create(config as never, { functionName: definition.name, log, use }));
    return instances.get(resource) as T;
  };

  const telemetry = createTelemetry(
    { endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, sampleRatio: config.OTEL_TRACES_SAMPLER_ARG },
    { functionName: definition.name, version: config.SERVICE_VERSION, costTags: definition.costTags },
  );

  const close = async () => {
    await telemetry.flush().catch((error: unknown) => log.warn({ err: error }, 'telemetry flush failed'));
    const pending = [...instances].map(([resource, value]) => resource.dispose?.(value as never) ?? Promise.resolve());
    instances.clear();
    await Promise.allSettled(pending);
  };

  let isWarm = false;
  const warm = () => {
    if (isWarm) return;
    isWarm = true;
    for (const resource of resources) {
      if (!resource.warm) continue;
      void Promise.resolve()
        .then(() => resource.warm!(use(resource)))
        .catch((error: unknown) => log.debug({ err: error, resource: resource.name }, 'warm-up failed'));
    }
  };

  return { name: definition.name, config, log, use, close, warm, telemetry };
};
