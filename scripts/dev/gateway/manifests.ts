import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

/** One function as its Knative Service runs it: what the Functions Framework is told to load. */
export interface LocalService {
  name: string;
  /** FUNCTION_SOURCE, relative to the repository root (`dist/functions/<name>.cjs`). */
  source: string;
  signatureType: 'http' | 'cloudevent';
}

/** One HTTPRoute rule match, reduced to what the local gateway routes on. */
export interface LocalRoute {
  /** Absent: any method (the fallback rule). */
  method?: string;
  pathType: 'Exact' | 'PathPrefix' | 'RegularExpression';
  pathValue: string;
  /** The Knative Service (= function) the rule rewrites the host to. */
  service: string;
}

/** A PingSource: a cron tick with the `job` extension, delivered to one Service. */
export interface LocalSchedule {
  service: string;
  schedule: string;
  timezone: string;
  extensions: Record<string, string>;
}

interface Manifest {
  kind?: string;
  metadata?: { name?: string };
  spec?: Record<string, unknown>;
}

const readManifests = async (dir: string): Promise<{ file: string; manifest: Manifest }[]> => {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  return Promise.all(files.map(async (file) => ({ file, manifest: parse(await readFile(path.join(dir, file), 'utf8')) as Manifest })));
};

interface ServiceSpec {
  template?: { spec?: { containers?: { env?: { name: string; value?: string }[] }[] } };
}

/** The Services `npm run gen` writes for Knative (`knative/base/services`). */
export const readServices = async (dir: string): Promise<LocalService[]> =>
  (await readManifests(dir)).map(({ file, manifest }) => {
    const env = new Map(
      ((manifest.spec as ServiceSpec | undefined)?.template?.spec?.containers?.[0]?.env ?? []).map((e) => [e.name, e.value]),
    );
    const name = manifest.metadata?.name;
    const source = env.get('FUNCTION_SOURCE');
    const signatureType = env.get('FUNCTION_SIGNATURE_TYPE');
    if (manifest.kind !== 'Service' || !name || !source || (signatureType !== 'http' && signatureType !== 'cloudevent'))
      throw new Error(`${file} is not a Knative Service with FUNCTION_SOURCE and FUNCTION_SIGNATURE_TYPE`);
    return { name, source, signatureType };
  });

interface RouteSpec {
  rules?: {
    matches?: { method?: string; path?: { type?: LocalRoute['pathType']; value?: string } }[];
    filters?: { type?: string; urlRewrite?: { hostname?: string } }[];
  }[];
}

/** The HTTPRoutes `npm run gen` writes (`knative/base/routes`, beside a ReferenceGrant): every rule, its matches and its Service. */
export const readRoutes = async (dir: string): Promise<LocalRoute[]> =>
  (await readManifests(dir)).flatMap(({ file, manifest }) => {
    if (manifest.kind !== 'HTTPRoute') return [];
    return ((manifest.spec as RouteSpec | undefined)?.rules ?? []).flatMap((rule) => {
      const hostname = rule.filters?.find((f) => f.type === 'URLRewrite')?.urlRewrite?.hostname;
      const service = hostname?.split('.')[0];
      if (!service) throw new Error(`${file}: a rule without a URLRewrite to a Service host`);
      return (rule.matches ?? []).map((match) => {
        if (!match.path?.type || !match.path.value) throw new Error(`${file}: a match without a path`);
        return { ...(match.method ? { method: match.method } : {}), pathType: match.path.type, pathValue: match.path.value, service };
      });
    });
  });

interface PingSpec {
  schedule?: string;
  timezone?: string;
  ceOverrides?: { extensions?: Record<string, string> };
  sink?: { ref?: { name?: string } };
}

/** The PingSources `npm run gen` writes (`knative/base/eventing/pingsources`). */
export const readSchedules = async (dir: string): Promise<LocalSchedule[]> =>
  (await readManifests(dir)).map(({ file, manifest }) => {
    const spec = manifest.spec as PingSpec | undefined;
    const service = spec?.sink?.ref?.name;
    if (manifest.kind !== 'PingSource' || !spec?.schedule || !service) throw new Error(`${file} is not a PingSource with a Service sink`);
    return { service, schedule: spec.schedule, timezone: spec.timezone ?? 'UTC', extensions: spec.ceOverrides?.extensions ?? {} };
  });
