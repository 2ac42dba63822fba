import { z } from '@hono/zod-openapi';
import { idSchema } from '../../kernel/index.ts';

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

/** A JSON response of a route: `responses: { 200: json('The flow', flowSchema) }`. */
export const json = <S extends z.ZodType>(description: string, schema: S) => ({ description, content: { 'application/json': { schema } } });

/** A problem+json response of a route; the description names the codes it may carry. */
export const problem = (description: string) => ({ description, content: problemContent });

/** The body of a route, required and JSON. */
export const jsonBody = <S extends z.ZodType>(schema: S) => ({ required: true, content: { 'application/json': { schema } } });

/** The path parameters of every route under `/v1/workspaces/{workspaceId}`. */
export const workspaceParams = z.object({ workspaceId: idSchema('wsp') });
