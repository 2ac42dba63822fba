import type { DependencyProbe } from '../ops/health.ts';
import { httpSend, type HttpSendOptions } from './http-send.ts';

/** A dependency that answers an HTTP request with 2xx when it is up. */
export const httpProbe = (name: string, url: string, options: Omit<HttpSendOptions, 'signal'> = {}): DependencyProbe => ({
  name,
  check: async (signal) => {
    const { status } = await httpSend(url, { ...options, signal });
    if (status < 200 || status >= 300) throw new Error(`${name} answered ${status}`);
  },
});
