import { cdnFilterApi, cdnFilterName, isCdnRoute } from '../../gen/knative/cdn.ts';
import { serviceHost } from '../../gen/knative/cluster.ts';
import { describeObject, type K8sObject, type PolicyCheck, type Violation } from '../types.ts';

interface Filter {
  type?: string;
  urlRewrite?: { hostname?: string };
  extensionRef?: { group?: string; kind?: string; name?: string };
}

const isCdnFilter = (filter: Filter) =>
  filter.type === 'ExtensionRef' && filter.extensionRef?.group === cdnFilterApi.group && filter.extensionRef.kind === cdnFilterApi.kind;

const isFilterObject = (object: K8sObject) =>
  object.kind === cdnFilterApi.kind && object.apiVersion === `${cdnFilterApi.group}/${cdnFilterApi.version}`;

/** What a GCPHTTPFilter must say so that only the origin's `Cache-Control` decides what is cached. */
const policyViolations = (filter: K8sObject): string[] => {
  const policy = (filter.spec?.cachePolicy ?? {}) as { cacheMode?: unknown; negativeCaching?: unknown };
  return [
    ...(policy.cacheMode === 'USE_ORIGIN_HEADERS' ? [] : [`cacheMode is ${String(policy.cacheMode)}, not USE_ORIGIN_HEADERS`]),
    ...(policy.negativeCaching === true ? ['negativeCaching is on: errors and redirects would be cached'] : []),
  ];
};

/**
 * Behind the CDN, every public GET route's rule (and no other) references the GCPHTTPFilter, which
 * exists in the build and leaves caching to the origin's headers. knative/base stays portable to
 * any Gateway: no rule there references it.
 */
export const cdnCheck: PolicyCheck = {
  name: 'cdn',
  description: 'public GET routes (and only they) pass through the CDN, whose cache follows the origin headers',
  run(objects, context) {
    const isBehindCdn = context.environment !== 'base' && context.environment.isBehindCdn;
    const byHost = new Map(context.routes.map((route) => [serviceHost(route.service), route]));
    const filters = new Map(objects.filter(isFilterObject).map((o) => [o.metadata?.name, o]));
    const violations: Violation[] = [];
    const report = (object: K8sObject, message: string) => violations.push({ check: this.name, object: describeObject(object), message });
    for (const route of objects.filter((o) => o.kind === 'HTTPRoute')) {
      for (const rule of (route.spec?.rules ?? []) as { filters?: Filter[] }[]) {
        const host = rule.filters?.find((f) => f.type === 'URLRewrite')?.urlRewrite?.hostname ?? '(none)';
        const declared = byHost.get(host);
        const references = (rule.filters ?? []).filter(isCdnFilter).map((f) => f.extensionRef?.name);
        const name = declared?.service ?? host;
        const isCached = isBehindCdn && declared !== undefined && isCdnRoute(declared);
        if (isCached && !references.includes(cdnFilterName)) report(route, `the public GET rule for ${name} does not pass through the CDN`);
        if (!isCached && references.length > 0) report(route, `the rule for ${name} passes through the CDN, but is not a public GET route`);
        for (const reference of references.filter((r) => !filters.has(r)))
          report(route, `the rule for ${name} references GCPHTTPFilter ${String(reference)}, which is not in the build`);
        if (references.length > 1) report(route, `the rule for ${name} references ${references.length} GCPHTTPFilters; GKE allows one`);
      }
    }
    for (const filter of filters.values()) for (const message of policyViolations(filter)) report(filter, message);
    return violations;
  },
};
