import { z } from '@hono/zod-openapi';

/** The problem+json body, as documented in openapi.yaml for every error response. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ example: 'VALIDATION_FAILED' }),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
  })
  .passthrough()
  .openapi('Problem');

export const problemContent = { 'application/problem+json': { schema: problemSchema } } as const;
