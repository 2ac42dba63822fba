import { creditCosts } from '../../../shared/kernel/index.ts';
import type { FunctionIdentity } from '../../../shared/platform/definition/identity.ts';
import type { FunctionMetadata, SpotPreference, Tier } from '../../../shared/platform/definition/metadata.ts';
import { parseCpu, parseMemoryGib } from './quantities.ts';

/** What the cost model needs of a function definition. */
export interface FunctionProfile {
  name: string;
  domain: string;
  team: string;
  costCenter: string;
  tier: Tier;
  spot: SpotPreference;
  /** The definition's min-scale (the production overlay may raise it; see floorInstances). */
  minScale: number;
  /** Knative concurrency target per instance. */
  concurrency: number;
  /** Requested vCPU per instance (what the scheduler reserves and GKE cost allocation charges). */
  vcpu: number;
  /** Requested memory per instance, GiB. */
  memoryGib: number;
  /** Credits one successful call commits, 0 when the function carries no credit operation. */
  creditsPerCall: number;
}

/** The cost-relevant facts of a definition: requests (not limits), scaling, spot, tags and credits. */
export const functionProfile = (definition: FunctionMetadata & FunctionIdentity): FunctionProfile => ({
  name: definition.name,
  domain: definition.domain,
  team: definition.costTags.team,
  costCenter: definition.costTags.costCenter,
  tier: definition.costTags.tier,
  spot: definition.spot,
  minScale: definition.scaling.minScale,
  concurrency: definition.scaling.concurrency,
  vcpu: parseCpu(definition.resources.requests.cpu),
  memoryGib: parseMemoryGib(definition.resources.requests.memory),
  creditsPerCall: definition.credits ? creditCosts[definition.credits] : 0,
});
