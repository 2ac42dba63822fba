import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import type { IHTTPRouteRule } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRouteRule';
import type { NamedHttpFunction } from '../../../shared/platform/definition/identity.ts';
import { isFallbackRoute } from '../function-kinds.ts';
import { compareText, groupedBy } from '../order.ts';
import { cluster, serviceHost } from './cluster.ts';
import { routeMatch } from './route-match.ts';
import { validated } from './validated.ts';

/** The Gateway API's limit on rules per HTTPRoute. */
export const maxRulesPerRoute = 16;

/** One function path: rewrite the host to the function's cluster-local Service, via Knative's local gateway. */
const rule = (definition: NamedHttpFunction): IHTTPRouteRule => ({
  matches: [routeMatch(definition.route.method, definition.route.path)],
  filters: [{ type: 'URLRewrite', urlRewrite: { hostname: serviceHost(definition.name) } }],
  backendRefs: [{ group: '', kind: 'Service', ...cluster.localGateway }],
});

/** Stable order: by path, then method, the fallback last. */
const byPath = (a: NamedHttpFunction, b: NamedHttpFunction) =>
  Number(isFallbackRoute(a)) - Number(isFallbackRoute(b)) ||
  compareText(a.route.path, b.route.path) ||
  compareText(a.route.method, b.route.method);

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));

/** `api-<domain>` for the first chunk; later chunks add `-2`, `-3`… so existing routes keep their names. */
export const httpRouteName = (domain: string, index: number) => (index === 0 ? `api-${domain}` : `api-${domain}-${index + 1}`);

const httpRoute = (name: string, definitions: readonly NamedHttpFunction[]) =>
  validated(
    new HTTPRoute({
      metadata: { name, namespace: cluster.namespace, labels: { 'app.kubernetes.io/part-of': cluster.partOf } },
      spec: {
        parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', ...cluster.gateway }],
        hostnames: [cluster.apiHost],
        rules: definitions.map(rule),
      },
    }),
    'HTTPRoute',
  );

/** One generated HTTPRoute: its name and, in rule order, the functions its rules serve. */
export interface HttpRouteLayout {
  name: string;
  definitions: NamedHttpFunction[];
}

/** Which function each rule of each HTTPRoute serves: one route per domain, chunks of at most 16 rules. */
export const httpRouteLayout = (definitions: readonly NamedHttpFunction[]): HttpRouteLayout[] =>
  groupedBy(definitions, (definition) => definition.domain).flatMap(([domain, members]) =>
    chunks([...members].sort(byPath), maxRulesPerRoute).map((chunk, index) => ({ name: httpRouteName(domain, index), definitions: chunk })),
  );

/** The public API's HTTPRoutes, as httpRouteLayout places the functions. */
export const buildHttpRoutes = (definitions: readonly NamedHttpFunction[]): HTTPRoute[] =>
  httpRouteLayout(definitions).map((layout) => httpRoute(layout.name, layout.definitions));
