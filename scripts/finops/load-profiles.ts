import { loadDefinitions } from '../lib/load-definitions.ts';
import { advisorProfile, type AdvisorProfile } from './advise/advisor-profile.ts';
import { functionProfile, type FunctionProfile } from './model/function-profile.ts';

/** The cost profile of every function under functions/, from the real definitions. */
export const loadProfiles = async (): Promise<FunctionProfile[]> =>
  (await loadDefinitions()).map(({ definition }) => functionProfile(definition));

/** The advisor's profile of every function (the cost profile plus kind, max-scale and whether a person waits on it). */
export const loadAdvisorProfiles = async (): Promise<AdvisorProfile[]> =>
  (await loadDefinitions()).map(({ definition }) => advisorProfile(definition));
