import { createRoute, z } from '@hono/zod-openapi';
import { aiRequestErrors, createAiRequestService, imageKindOf, maxImageBytes } from '../../shared/ai/index.ts';
import { aiAgents } from '../../shared/infra/ai/agents-resource.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { admissionFor, aiFunction, jobAcceptingUses } from './lib/ai-function.ts';
import { acceptedSchema, flowParams } from './lib/schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/flows/{flowId}/ai/image',
  tags: ['ai'],
  summary: 'Propose the flow a sketch or screenshot shows (ai.image: 5 credits); needs a provider that reads images',
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
            message: z.string().max(4000).optional(),
          }),
        },
      },
    },
  },
  responses: {
    202: { ...json('Accepted: follow the job at `Location`', acceptedSchema), headers: z.object({ Location: z.string() }) },
    400: problem('UNSUPPORTED_IMAGE_FORMAT: not a PNG or JPEG'),
    403: problem('PERMISSION_DENIED: ai:use and flows:update'),
    404: problem('FLOW_NOT_FOUND'),
    413: problem('IMAGE_TOO_LARGE'),
    422: problem('PROVIDER_REQUIRED: no configured provider reads images (the offline planner does not); nothing was charged'),
  },
});

export default defineHttpFunction({
  ...aiFunction('ai'),
  uses: jobAcceptingUses,
  credits: 'ai.image',
  description:
    'Checks a sketch or screenshot (PNG/JPEG ≤ 5 MB by its bytes); without a provider that reads images it refuses with 422 PROVIDER_REQUIRED.',
  maxBodyBytes: maxImageBytes + 64 * 1024,
  route,
  handler: async (c) => {
    const { ports, who } = admissionFor(c.var);
    const choice = c.var.use(aiAgents);
    const { image } = c.req.valid('form');
    imageKindOf(new Uint8Array(await image.arrayBuffer()));
    // The flow and the permissions first: a stranger learns nothing about what is configured.
    await createAiRequestService(ports, choice).checkChange(who, c.req.valid('param').flowId);
    throw aiRequestErrors.providerRequired('ai.image');
  },
});
