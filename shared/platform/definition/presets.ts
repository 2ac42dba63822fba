import type { CronFunctionInput, EventFunctionInput, HttpFunctionInput } from './define.ts';

/*
 * The one shape of a domain's presets (`functions/<domain>/lib/*-function.ts`): what several of
 * its functions share, spread into each definition. Declare a preset `satisfies HttpPreset` (or
 * Cron/EventPreset): a misspelt or misplaced field fails there, and its literal types are kept
 * without `as const`. Every preset names who pays (cost tags); the function adds its route or
 * trigger, description and handler, and may override the rest.
 */

type Shared<I, Own extends keyof I> = Pick<I, 'costTags' & keyof I> & Partial<Omit<I, Own | 'costTags'>>;

export type HttpPreset = Shared<HttpFunctionInput, 'route' | 'handler' | 'description'>;
export type EventPreset = Shared<EventFunctionInput, 'events' | 'handler' | 'description'>;
export type CronPreset = Shared<CronFunctionInput, 'schedule' | 'handler' | 'description'>;
