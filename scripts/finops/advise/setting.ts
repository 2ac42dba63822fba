import type { SpotPreference, Tier } from '../../../shared/platform/definition/metadata.ts';
import { placementIn } from '../../gen/knative/overlays/placement.ts';
import { scaleToZeroRetention } from '../../gen/knative/template-annotations.ts';
import type { ScalingSettings } from '../simulate/knative-settings.ts';
import type { AdvisorProfile } from './advisor-profile.ts';

/** One way to run a function: Knative's scaling plus tier and node placement. */
export interface Setting extends ScalingSettings {
  tier: Tier;
  spot: SpotPreference;
}

const retentionMs = (tier: Tier) =>
  Number.parseInt(scaleToZeroRetention[tier], 10) * (scaleToZeroRetention[tier].endsWith('m') ? 60_000 : 1000);

const setting = (profile: AdvisorProfile, tier: Tier, minScale: number, spot: SpotPreference, target = profile.concurrency): Setting => ({
  tier,
  minScale,
  maxScale: profile.maxScale,
  target,
  containerConcurrency: 0,
  retentionMs: retentionMs(tier),
  spot,
});

/** What an environment runs when only the definitions decide (the overlays' tier rule, no reviewed file). */
export const definitionSetting = (profile: AdvisorProfile, environment: 'production' | 'staging'): Setting => {
  const placement = placementIn({ name: environment, hasCriticalFloors: environment === 'production' }, profile);
  return setting(profile, profile.tier, placement.minScale, placement.spot);
};

/** A stable key, so equal candidates are replayed once. */
export const settingKey = (s: Setting) => `${s.tier}/${s.minScale}/${s.target}/${s.containerConcurrency}/${s.spot}`;

/**
 * What the advisor tries besides the current setting: scale to zero (tier critical becomes standard,
 * spot as the definition allows), the same with twice the target (fewer pods for busy functions),
 * and, for functions a user waits on, a warm on-demand floor of one (tier critical).
 */
export const candidateSettings = (profile: AdvisorProfile, current: Setting): Setting[] => {
  const zeroTier: Tier = profile.tier === 'critical' ? 'standard' : profile.tier;
  const candidates = [
    current,
    setting(profile, zeroTier, 0, profile.spot),
    setting(profile, zeroTier, 0, profile.spot, profile.concurrency * 2),
    ...(profile.userWaits ? [setting(profile, 'critical', Math.max(1, profile.minScale), 'never')] : []),
  ];
  const seen = new Set<string>();
  return candidates.filter((candidate) => !seen.has(settingKey(candidate)) && seen.add(settingKey(candidate)));
};
