import { loadDefinitions } from '../lib/load-definitions.ts';
import { functionProfile, type FunctionProfile } from './model/function-profile.ts';

/** The cost profile of every function under functions/, from the real definitions. */
export const loadProfiles = async (): Promise<FunctionProfile[]> =>
  (await loadDefinitions()).map(({ definition }) => functionProfile(definition));
