import { createRoute, z } from '@hono/zod-openapi';
import { createImageRequestService } from '../../shared/ai/index.ts';
import { aiAgents } from '../../shared/infra/ai/agents-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { maxImageBytes } from '../../shared/ai/index.ts';
import { admissionFor, aiFunction, jobAcceptingUses, jobLocation } from './lib/ai-function.ts';
import { acceptedSchema, flowParams, qualitySchema, toAccepted } from './lib/schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/flows/{flowId}/ai/image',
  tags: ['ai'],
  summary: 'Propose the flow a sketch or screenshot shows (ai.image: 5 credits); needs a model that reads images',
  request: {
    params: flowParams,
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: z.object({
            image: z
              .custom<File>((value) => value instanceof File, 'must be a file')
              .openapi({ type: 'string', format: 'binary', description: 'PNG or JPEG, at most 5 MB (checked by its bytes)' }),
            message: z.string().max(4000).default('').openapi({ description: 'What to do with it (optional)' }),
            quality: qualitySchema,
          }),
        },
      },
    },
  },
  responses: {
    202: { ...json('Accepted: follow the job at `Location`', acceptedSchema), headers: z.object({ Location: z.string() }) },
    400: problem('UNSUPPORTED_IMAGE_FORMAT: not a PNG or JPEG'),
    402: problem('INSUFFICIENT_CREDITS or PRO_QUALITY_NOT_IN_PLAN (nothing was stored)'),
    403: problem('PERMISSION_DENIED: ai:use and flows:update'),
    404: problem('FLOW_NOT_FOUND'),
    413: problem('IMAGE_TOO_LARGE'),
    422: problem(
      'PROVIDER_REQUIRED: no model that reads images is configured (the offline planner does not), nothing was charged; MESSAGE_FLAGGED',
    ),
  },
});

export default defineHttpFunction({
  ...aiFunction('ai'),
  uses: jobAcceptingUses,
  credits: 'ai.image',
  description:
    'Accepts a sketch or screenshot (PNG/JPEG ≤ 5 MB by its bytes), keeps it for the job’s life only, reserves ai.image and queues the job (202); 422 PROVIDER_REQUIRED without a model that reads images.',
  maxBodyBytes: maxImageBytes + 64 * 1024,
  route,
  handler: async (c) => {
    const { ports, who } = admissionFor(c.var);
    const { readsImages } = c.var.use(aiAgents);
    const form = c.req.valid('form');
    const job = await createImageRequestService(ports, { readsImages }).readImage(who, c.req.valid('param').flowId, {
      bytes: new Uint8Array(await form.image.arrayBuffer()),
      message: form.message,
      quality: form.quality,
    });
    c.header('Location', jobLocation(job.id));
    return c.json(toAccepted(job), 202);
  },
});
