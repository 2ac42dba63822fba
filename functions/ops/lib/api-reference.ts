import { rateLimited } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import { publicAccess } from '../../../shared/platform/definition/index.ts';

/** What the three API-reference functions share: public, rate-limited per IP, cheap, no data. */
export const apiReferenceFunction = {
  access: publicAccess('the API reference and its contract are published documentation; they hold no data'),
  rateLimit: rateLimited.public,
  uses: [],
  costTags: { team: 'platform', costCenter: 'cc-platform', tier: 'standard' },
  privacy: { personalData: 'none' },
} as const;
