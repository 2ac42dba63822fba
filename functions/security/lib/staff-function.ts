import { z } from '@hono/zod-openapi';
import { jwt } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { staffMonitoring } from '../../../shared/infra/security/monitoring-resources.ts';
import { rateLimited } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import { platform, type HttpPreset, type Privacy } from '../../../shared/platform/definition/index.ts';
import { cursorCodec } from '../../../shared/platform/http/paging.ts';

export const monitoringPrivacy = {
  personalData: ['network', 'security'],
  purpose: 'let staff follow up security alerts and incidents',
  legalBasis: 'legitimate-interests',
} satisfies Privacy;

const preset = {
  rateLimit: rateLimited.api,
  uses: [staffMonitoring],
  costTags: { team: 'security', costCenter: 'cc-security', tier: 'standard' },
  privacy: monitoringPrivacy,
} satisfies Omit<HttpPreset, 'access'>;

/** Reading alerts and incidents: support, the DPO and admins, with a user token. */
export const staffReadFunction = { ...preset, access: platform(jwt, ['support', 'dpo']) } satisfies HttpPreset;

/** Working an incident (acknowledge, assign, close, reopen): the DPO and admins. */
export const staffWriteFunction = { ...preset, access: platform(jwt, 'dpo') } satisfies HttpPreset;

/** A list's cursor: the last item's time and id. */
export const timeCursor = cursorCodec(
  z.object({
    at: z.codec(z.iso.datetime(), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() }),
    id: z.string().max(200),
  }),
);
