import type { Logger } from 'pino';
import type { Use } from '../resource.ts';
import type { PlatformConfig } from '../runtime.ts';
import type { AuthContext } from './auth-context.ts';

/** What every HTTP handler finds on `c.var`. */
export interface AppEnv {
  Variables: {
    requestId: string;
    traceId: string;
    /** Our span's `traceparent`, to pass on to calls and events. */
    traceparent: string;
    log: Logger;
    use: Use;
    config: PlatformConfig;
    /** The caller, once the access guard has authenticated them (absent for public functions). */
    auth: AuthContext;
  };
}
