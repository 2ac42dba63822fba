import { z } from 'zod';

/** `--cold-starts`: what `npm run bench:cold-start -- --out <file>` writes. */
export const coldStartFiguresSchema = z.strictObject({
  measuredAt: z.string(),
  runs: z.number().int().positive(),
  helloMs: z.number().nonnegative(),
  functions: z.record(z.string().min(1), z.strictObject({ ms: z.number().nonnegative(), ratio: z.number(), cpuRatio: z.number() })),
});
export type ColdStartFigures = z.infer<typeof coldStartFiguresSchema>;

/**
 * A function's cold start on the cluster: the platform's share (the pod scheduled on a node that
 * has the image, the containers created, the queue-proxy's readiness probe passing) plus the
 * function's own process start as the bench measured it; the median of the measured functions for
 * one the figures lack.
 */
export const coldStartOf = (figures: ColdStartFigures, platformStartMs: number) => {
  const measured = Object.values(figures.functions)
    .map((f) => f.ms)
    .sort((a, b) => a - b);
  const median = measured.length > 0 ? measured[Math.floor(measured.length / 2)]! : figures.helloMs;
  return (name: string): { ms: number; measured: boolean } => {
    const own = figures.functions[name];
    return { ms: platformStartMs + (own?.ms ?? median), measured: own !== undefined };
  };
};
