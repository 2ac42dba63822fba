import type { AdmissionPorts, AiPorts, Requester } from '../../../shared/ai/index.ts';
import { aiAgents } from '../../../shared/infra/ai/agents-resource.ts';
import { aiPorts } from '../../../shared/infra/ai/ai-ports-resource.ts';
import { createJobEvents } from '../../../shared/infra/ai/job-events.ts';
import { jwtOrApiKey } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { eventPublisher } from '../../../shared/infra/broker/broker-publisher.ts';
import type { Context } from 'hono';
import { flowCallers } from '../../../shared/infra/flows/flow-caller.ts';
import { flowPorts } from '../../../shared/infra/flows/flows-resource.ts';
import type { AppEnv } from '../../../shared/platform/http/env.ts';
import { rateLimited } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import { authenticated, type HttpPreset } from '../../../shared/platform/definition/index.ts';
import type { AuthContext } from '../../../shared/platform/http/auth-context.ts';
import type { Use } from '../../../shared/platform/resource.ts';

/** Cost tags of every AI function (FinOps). */
export const aiCostTags = { team: 'ai', costCenter: 'cc-ai', tier: 'standard' } as const;

/** What the AI functions process: the members' conversation with the AI about their flows. */
export const aiPrivacy = {
  personalData: ['identity', 'content'],
  purpose:
    'let workspace members ask the AI about their flows and review, apply or discard what it proposes (the conversation is kept per flow)',
  legalBasis: 'contract',
} as const;

/**
 * AI operations per minute count per workspace by its plan. A flow route names no workspace: the
 * flow's is used when the caller may use AI there (anyone else counts per user, so a stranger
 * cannot spend a workspace's budget by naming its flows).
 */
export const aiRateLimit = {
  ...rateLimited.ai,
  workspaceKey: async (c: Context<AppEnv>): Promise<string | null> => {
    const flowId = c.req.param('flowId');
    const auth = c.get('auth') as AuthContext | undefined;
    if (flowId === undefined || auth === undefined) return null;
    const head = await c.var.use(flowPorts).heads.find(flowId);
    if (!head) return null;
    const decision = await c.var.use(flowCallers).of(auth).access(head.workspaceId, 'ai:use');
    return decision === 'granted' ? head.workspaceId : null;
  },
};

/**
 * What every AI HTTP function shares: `ai:use` (an API key needs it too; on routes without
 * `{workspaceId}` the services check it, and `flows:read`/`flows:update`, against the flow's own
 * workspace). `ai` counts the requests that start work (AI operations per minute by plan), `api` the reads.
 */
export const aiFunction = (rate: 'ai' | 'api') =>
  ({
    access: authenticated(jwtOrApiKey, 'ai:use'),
    rateLimit: rate === 'ai' ? aiRateLimit : rateLimited.api,
    uses: [aiPorts, flowCallers],
    costTags: aiCostTags,
    privacy: aiPrivacy,
  }) satisfies HttpPreset;

/** The resources of the functions that accept jobs (the broker for `job.requested`, the agents to classify). */
export const jobAcceptingUses = [aiPorts, flowCallers, eventPublisher, aiAgents];

/** The AI ports and the requester of a request. */
export const aiFor = (vars: { use: Use; auth: AuthContext }): { ports: AiPorts; who: Requester } => ({
  ports: vars.use(aiPorts),
  who: {
    caller: vars.use(flowCallers).of(vars.auth),
    actor: vars.auth.via === 'apiKey' ? `apikey:${vars.auth.sessionId}` : vars.auth.userId,
  },
});

/** The ports for accepting a job: the AI ports and the broker. */
export const admissionFor = (vars: { use: Use; auth: AuthContext }): { ports: AdmissionPorts; who: Requester } => {
  const { ports, who } = aiFor(vars);
  return { ports: { ...ports, events: createJobEvents(vars.use(eventPublisher)) }, who };
};

/** Where a client follows a job. */
export const jobLocation = (jobId: string): string => `/v1/ai/jobs/${jobId}`;
