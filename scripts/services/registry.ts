import { chroma } from './chroma.ts';
import { embeddings } from './embeddings.ts';
import { ferretdb } from './ferretdb.ts';
import { mailSink } from './mail-sink.ts';
import { oauthStandIns } from './oauth-stand-ins.ts';
import { redis } from './redis.ts';
import { isServiceName, serviceNames, type Service, type ServiceName } from './service.ts';
import { stripeMock } from './stripe-mock.ts';
import { tracing } from './tracing.ts';
import { upstashBridge } from './upstash-bridge.ts';

/** Every local service, dependencies before their dependants. */
export const services: readonly Service[] = [
  ferretdb,
  redis,
  upstashBridge,
  chroma,
  embeddings,
  stripeMock,
  mailSink,
  oauthStandIns,
  tracing,
];

export function getService(name: ServiceName): Service {
  const service = services.find((candidate) => candidate.name === name);
  if (service === undefined) throw new Error(`no service named ${name}`);
  return service;
}

/** Checks names given by a caller or on the command line; throws naming the valid ones. */
export function parseServiceNames(names: readonly string[]): ServiceName[] {
  const unknown = names.filter((name) => !isServiceName(name));
  if (unknown.length > 0) {
    throw new Error(`unknown service(s): ${unknown.join(', ')}; known: ${serviceNames.join(', ')}`);
  }
  return names.filter(isServiceName);
}

/** `true` when `env` points this service somewhere else, so the local one is not used. */
export function isOverridden(service: Service, env: NodeJS.ProcessEnv): boolean {
  return service.overrideVar !== undefined && (env[service.overrideVar] ?? '') !== '';
}

/**
 * The services to run locally for `only` (default: all): those asked for plus what they
 * depend on, minus the ones `env` overrides (whose dependencies are then not needed either).
 */
export function localServices(env: NodeJS.ProcessEnv, only?: readonly ServiceName[]): Service[] {
  const wanted = new Set<ServiceName>();
  const visit = (name: ServiceName): void => {
    const service = getService(name);
    if (wanted.has(name) || isOverridden(service, env)) return;
    wanted.add(name);
    for (const dependency of service.dependsOn ?? []) visit(dependency);
  };
  for (const name of only ?? serviceNames.filter((candidate) => !getService(candidate).optional)) visit(name);
  return services.filter((service) => wanted.has(service.name));
}

/**
 * The variables pointing at the services in `only` (default: all): the local defaults, or,
 * for an overridden service, whatever `env` sets for its variables.
 */
export function serviceEnv(env: NodeJS.ProcessEnv = process.env, only?: readonly ServiceName[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const service of services) {
    if (only !== undefined && !only.includes(service.name)) continue;
    for (const [key, localValue] of Object.entries(service.env)) {
      const value = isOverridden(service, env) ? env[key] : localValue;
      if (value !== undefined) result[key] = value;
    }
  }
  return result;
}
