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
 * function's own process start. The process start is the bench's CPU ratio to a bare
 * functions-framework start times `helloMs`, what that bare start takes on a node: the ratio is
 * the figure that holds on a busy machine (the bench pairs each start with a bare one), the
 * absolute milliseconds are not. A function the figures lack gets the median ratio.
 */
export const coldStartOf = (figures: ColdStartFigures, platformStartMs: number, helloMs: number) => {
  const ratios = Object.values(figures.functions)
    .map((f) => f.cpuRatio)
    .sort((a, b) => a - b);
  const median = ratios.length > 0 ? ratios[Math.floor(ratios.length / 2)]! : 1;
  return (name: string): { ms: number; measured: boolean } => {
    const own = figures.functions[name];
    return { ms: Math.round(platformStartMs + (own?.cpuRatio ?? median) * helloMs), measured: own !== undefined };
  };
};
