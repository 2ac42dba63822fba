import type { NamedCronFunction, NamedEventFunction, NamedFunction, NamedHttpFunction } from '../../shared/platform/definition/identity.ts';

export const isHttpFunction = (d: NamedFunction): d is NamedHttpFunction => d.kind === 'http';
export const isEventFunction = (d: NamedFunction): d is NamedEventFunction => d.kind === 'event';
export const isCronFunction = (d: NamedFunction): d is NamedCronFunction => d.kind === 'cron';

/** The route path of the fallback function: every path no other function serves. */
export const fallbackPath = '/*';
export const isFallbackRoute = (d: NamedHttpFunction): boolean => d.route.path === fallbackPath;
