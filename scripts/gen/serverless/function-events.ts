import type { NamedFunction } from '../../../shared/platform/definition/identity.ts';
import { isFallbackRoute } from '../function-kinds.ts';

interface HttpApiEvent {
  httpApi: { method: string; path: string };
}
interface ScheduleEvent {
  schedule: { rate: string[] };
}
export type ServerlessEvent = HttpApiEvent | ScheduleEvent;

/** Where the local broker POSTs CloudEvents (binary mode) for an event or cron function. */
export const localEventPath = (name: string) => `/_events/${name}`;

/**
 * serverless v3's schema wants AWS's six-field `cron(...)` (a five-field one draws an "Invalid
 * configuration" warning); serverless-offline drops the sixth (year) field and hands the rest to
 * node-schedule. Appending `*` as the year passes the schema and gives node-schedule exactly the
 * definition's five fields — which it evaluates in the process's time zone, so the local fleet
 * should run with TZ=UTC to tick when production does.
 */
export const scheduleRate = (schedule: string) => `cron(${schedule} *)`;

/** The serverless-offline events that reach one function locally. */
export const functionEvents = (definition: NamedFunction): ServerlessEvent[] => {
  switch (definition.kind) {
    case 'http':
      return isFallbackRoute(definition)
        ? [{ httpApi: { method: '*', path: '/{proxy+}' } }]
        : [{ httpApi: { method: definition.route.method.toUpperCase(), path: definition.route.path } }];
    case 'event':
      return [{ httpApi: { method: 'POST', path: localEventPath(definition.name) } }];
    case 'cron':
      return [
        { schedule: { rate: [scheduleRate(definition.schedule)] } },
        { httpApi: { method: 'POST', path: localEventPath(definition.name) } },
      ];
  }
};
