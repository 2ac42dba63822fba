import type { Logger } from 'pino';
import { loadConfig, platformConfig, type ConfigFragment, type LoadedConfig } from './config/index.ts';
import { createLogger } from './logger.ts';
import type { ResourceRef, Use } from './resource.ts';

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
}

/** The declared resources and, transitively, those they require. */
const withRequirements = (uses: readonly ResourceRef[]): ResourceRef[] => {
  const all = new Set<ResourceRef>();
  const visit = (resource: ResourceRef) => {
    if (all.has(resource)) return;
    all.add(resource);
    resource.requires?.forEach(visit);
  };
  uses.forEach(visit);
  return [...all];
};

/**
 * Parses configuration for the platform and every declared resource (throwing a ConfigError that
 * names each bad variable), and nothing more: clients are created on first `use`.
 */
export const createRuntime = (
  definition: {
    name: string;
    uses: readonly ResourceRef[];
    authenticator?: ResourceRef | undefined;
    rateLimiter?: ResourceRef | undefined;
  },
  env: Record<string, string | undefined> = process.env,
): Runtime => {
  const pipeline = [definition.authenticator, definition.rateLimiter].filter((r): r is ResourceRef => r !== undefined);
  const resources = withRequirements([...definition.uses, ...pipeline]);
  const fragments: ConfigFragment[] = [platformConfig, ...resources.map((resource) => resource.config)];
  const config = loadConfig(fragments, env) as unknown as PlatformConfig;
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

  const close = async () => {
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

  return { name: definition.name, config, log, use, close, warm };
};
