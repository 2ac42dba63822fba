import type { NamedHttpFunction } from '../../../../shared/platform/definition/identity.ts';
import { buildCdnFilter, cdnFilterRef, isCdnRoute } from '../cdn.ts';
import { serviceHost } from '../cluster.ts';
import { httpRouteLayout } from '../http-routes.ts';
import type { JsonPatchOperation } from './service-patch.ts';

/** The operations that put one HTTPRoute's CDN routes behind the cache, by rule index. */
export interface RouteCdnPatch {
  route: string;
  operations: JsonPatchOperation[];
}

const isCached = (definition: NamedHttpFunction) =>
  isCdnRoute({ method: definition.route.method, path: definition.route.path, access: definition.access.type });

/**
 * For every HTTPRoute with a CDN route (see `isCdnRoute`), the JSON patch that appends the
 * GCPHTTPFilter reference to those rules. The base rule order comes from the same layout, and a
 * `test` of each rule's rewritten host fails the kustomize build if the base ever moves a rule.
 */
export const routeCdnPatches = (definitions: readonly NamedHttpFunction[]): RouteCdnPatch[] =>
  httpRouteLayout(definitions)
    .map(({ name, definitions: rules }) => ({
      route: name,
      operations: rules.flatMap((definition, index): JsonPatchOperation[] =>
        isCached(definition)
          ? [
              { op: 'test', path: `/spec/rules/${index}/filters/0/urlRewrite/hostname`, value: serviceHost(definition.name) },
              { op: 'add', path: `/spec/rules/${index}/filters/-`, value: cdnFilterRef },
            ]
          : [],
      ),
    }))
    .filter((patch) => patch.operations.length > 0);

/** The overlay's CDN pieces: the GCPHTTPFilter (only when some route uses it) and the route patches. */
export const cdnOverlay = (definitions: readonly NamedHttpFunction[]) => {
  const patches = routeCdnPatches(definitions);
  return { filter: patches.length > 0 ? buildCdnFilter() : null, patches };
};
