import type {
  CronFunctionDefinition,
  EventFunctionDefinition,
  FunctionDefinition,
  HttpFunctionDefinition,
} from '../../shared/platform/definition/define.ts';

export const isHttpFunction = (d: FunctionDefinition): d is HttpFunctionDefinition => d.kind === 'http';
export const isEventFunction = (d: FunctionDefinition): d is EventFunctionDefinition => d.kind === 'event';
export const isCronFunction = (d: FunctionDefinition): d is CronFunctionDefinition => d.kind === 'cron';

/** The route path of the fallback function: every path no other function serves. */
export const fallbackPath = '/*';
export const isFallbackRoute = (d: HttpFunctionDefinition): boolean => d.route.path === fallbackPath;
