import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

/** What the local broker needs of a Knative Trigger. */
export interface TriggerRoute {
  name: string;
  /** Exact-match attribute filters (Knative's `spec.filter.attributes`). */
  filter: Record<string, string>;
  /** The subscribed Knative Service (= function) name. */
  subscriber: string;
}

/** Broker delivery settings (`spec.delivery`). */
export interface DeliverySpec {
  retry: number;
  backoffPolicy: 'exponential' | 'linear';
  backoffDelayMs: number;
}

interface TriggerManifest {
  kind?: string;
  metadata?: { name?: string };
  spec?: { filter?: { attributes?: Record<string, string> }; subscriber?: { ref?: { name?: string } } };
}

/** Reads the same Trigger manifests `npm run gen` writes for Knative. */
export const readTriggers = async (dir: string): Promise<TriggerRoute[]> => {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  const routes: TriggerRoute[] = [];
  for (const file of files) {
    const manifest = parse(await readFile(path.join(dir, file), 'utf8')) as TriggerManifest;
    const subscriber = manifest.spec?.subscriber?.ref?.name;
    if (manifest.kind !== 'Trigger' || !manifest.metadata?.name || !subscriber)
      throw new Error(`${file} is not a Trigger with a Service subscriber`);
    routes.push({ name: manifest.metadata.name, filter: manifest.spec?.filter?.attributes ?? {}, subscriber });
  }
  return routes;
};

/** Knative's filter semantics: every listed attribute must equal the event's (an empty filter matches all). */
export const matches = (filter: Record<string, string>, attributes: Record<string, unknown>): boolean =>
  Object.entries(filter).every(([key, value]) => attributes[key] === value);

/** ISO-8601 durations as Knative's `backoffDelay` uses them (PT0.5S, PT2S, PT1M). */
export const parseIsoDuration = (value: string): number => {
  const match = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(value);
  if (!match || value === 'PT') throw new Error(`unsupported duration ${value}`);
  const [, h = '0', m = '0', s = '0'] = match;
  return Math.round((Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000);
};

/** Delay before retry number `attempt` (1-based), as Knative computes it. */
export const backoffDelay = (spec: DeliverySpec, attempt: number): number =>
  spec.backoffPolicy === 'exponential' ? spec.backoffDelayMs * 2 ** (attempt - 1) : spec.backoffDelayMs * attempt;

interface BrokerManifest {
  kind?: string;
  spec?: { delivery?: { retry?: number; backoffPolicy?: 'exponential' | 'linear'; backoffDelay?: string } };
}

export const readDeliverySpec = async (file: string): Promise<DeliverySpec> => {
  const manifest = parse(await readFile(file, 'utf8')) as BrokerManifest;
  if (manifest.kind !== 'Broker') throw new Error(`${file} is not a Broker`);
  const delivery = manifest.spec?.delivery ?? {};
  return {
    retry: delivery.retry ?? 0,
    backoffPolicy: delivery.backoffPolicy ?? 'exponential',
    backoffDelayMs: parseIsoDuration(delivery.backoffDelay ?? 'PT0.2S'),
  };
};
