import type { IHTTPRouteFilter } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRouteFilter';
import type { Access } from '../../../shared/platform/definition/metadata.ts';
import { fallbackPath } from '../function-kinds.ts';
import { cluster } from './cluster.ts';

/** What decides whether a route goes through the CDN: who may call it, and how. */
export interface CdnRouteFacts {
  method: string;
  path: string;
  access: Access['type'];
}

/**
 * The CDN rule: every public GET route (not the method-less fallback) passes through Cloud CDN,
 * and the origin's `Cache-Control` decides what is stored. An answer marked `public` with a
 * max-age is cached (plans, the built-in templates, JWKS); `no-store` or `private` answers (health,
 * a workspace's templates, the OAuth redirects) and answers without directives are not.
 * Authenticated routes never pass through it, whatever they answer.
 */
export const isCdnRoute = (route: CdnRouteFacts): boolean =>
  route.access === 'public' && route.method.toLowerCase() === 'get' && route.path !== fallbackPath;

export const cdnFilterApi = { group: 'networking.gke.io', version: 'v1', kind: 'GCPHTTPFilter' } as const;

/** The one cache policy of the public API, in the functions' namespace (a filter must share its HTTPRoute's). */
export const cdnFilterName = 'api-origin-cache';

/** A GKE `GCPHTTPFilter` as an HTTPRoute rule references it. */
export const cdnFilterRef: IHTTPRouteFilter = {
  type: 'ExtensionRef',
  extensionRef: { group: cdnFilterApi.group, kind: cdnFilterApi.kind, name: cdnFilterName },
};

/**
 * Cloud CDN for the GKE Gateway (gke-l7-global-external-managed, GKE ≥ 1.35.2-gke.1751000).
 * `USE_ORIGIN_HEADERS`: only successful answers with explicit caching directives are stored, so
 * the functions stay in charge. Request coalescing folds concurrent misses for one key into one
 * origin request (a cold start serves the whole burst). No negative caching: an error or a
 * redirect is never served from the cache. The cache key is the default (host and full URI,
 * query string included), so `?workspaceId=…` never shares an entry with the public list.
 * No typed model exists for this CRD; tests/deploy/schemas/gcp-http-filter.schema.json checks it.
 */
export const buildCdnFilter = () => ({
  apiVersion: `${cdnFilterApi.group}/${cdnFilterApi.version}`,
  kind: cdnFilterApi.kind,
  metadata: { name: cdnFilterName, namespace: cluster.namespace, labels: { 'app.kubernetes.io/part-of': cluster.partOf } },
  spec: {
    cachePolicy: {
      cacheMode: 'USE_ORIGIN_HEADERS',
      requestCoalescing: true,
      negativeCaching: false,
    },
  },
});
