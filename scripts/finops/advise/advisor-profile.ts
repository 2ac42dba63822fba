import type { Named, FunctionDefinition } from '../../../shared/platform/definition/index.ts';
import { functionProfile, type FunctionProfile } from '../model/function-profile.ts';
import type { ArrivalKind } from '../trace/generate-trace.ts';

/** What the advisor needs of a definition beyond the cost profile. */
export interface AdvisorProfile extends FunctionProfile {
  kind: ArrivalKind;
  maxScale: number;
  /**
   * A person waits on the answer: an HTTP function a browser or API client calls (not a signed
   * webhook, whose sender retries and waits on nobody). Events and cron ticks have no one waiting.
   */
  userWaits: boolean;
}

export const advisorProfile = (definition: Named<FunctionDefinition>): AdvisorProfile => ({
  ...functionProfile(definition),
  kind: definition.kind,
  maxScale: definition.scaling.maxScale,
  userWaits: definition.kind === 'http' && definition.access.type !== 'signature',
});
