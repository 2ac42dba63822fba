import type { DependencyProbe } from '../ops/health.ts';

/** A dependency that answers an HTTP GET with 2xx when it is up. */
export const httpProbe = (name: string, url: string, headers: Record<string, string> = {}): DependencyProbe => ({
  name,
  check: async (signal) => {
    const response = await fetch(url, { headers, signal });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`${name} answered ${response.status}`);
  },
});
