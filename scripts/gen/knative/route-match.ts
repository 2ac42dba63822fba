import type { IHTTPMethod } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPMethod';
import type { IHTTPRouteMatch } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRouteMatch';
import { fallbackPath } from '../function-kinds.ts';

const parameter = /^\{[A-Za-z_][A-Za-z0-9_]*\}$/;
const escapeRegex = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * An OpenAPI path as an anchored regular expression: each `{param}` segment matches one
 * non-empty segment, everything else literally. `/v1/flows/{flowId}` → `^/v1/flows/[^/]+$`.
 */
export const pathToRegex = (path: string): string => {
  const segments = path.split('/').map((segment) => {
    if (parameter.test(segment)) return '[^/]+';
    if (/[{}*]/.test(segment)) throw new Error(`unsupported route path segment "${segment}" in ${path}`);
    return escapeRegex(segment);
  });
  return `^${segments.join('/')}$`;
};

const gatewayMethods: Readonly<Record<string, IHTTPMethod>> = {
  get: 'GET',
  head: 'HEAD',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  options: 'OPTIONS',
};

const gatewayMethod = (method: string): IHTTPMethod => {
  const known = gatewayMethods[method.toLowerCase()];
  if (known === undefined) throw new Error(`HTTP method "${method}" cannot be routed by the Gateway API`);
  return known;
};

const hasParameters = (path: string) => path.includes('{');

/**
 * The Gateway API match for one function route: Exact for a fixed path, RegularExpression
 * when it has parameters, and for the fallback a method-less PathPrefix `/` (the lowest
 * precedence there is, so every more specific rule wins).
 */
export const routeMatch = (method: string, path: string): IHTTPRouteMatch => {
  if (path === fallbackPath) return { path: { type: 'PathPrefix', value: '/' } };
  return {
    method: gatewayMethod(method),
    path: hasParameters(path) ? { type: 'RegularExpression', value: pathToRegex(path) } : { type: 'Exact', value: path },
  };
};
