import type { Advice } from './build-advice.ts';
import { definitionSetting, settingKey } from './setting.ts';
import type { ScalingFile } from './scaling-file.ts';

/**
 * The reviewed production file for an advice: one entry per function whose recommended setting
 * differs from what its definition alone gives in production, sorted by name.
 */
export const scalingFileOf = (advice: Advice, source: string): ScalingFile => ({
  source,
  functions: Object.fromEntries(
    advice.functions
      .filter((f) => settingKey(f.recommended.setting) !== settingKey(definitionSetting(f.profile, 'production')))
      .sort((a, b) => a.profile.name.localeCompare(b.profile.name))
      .map((f) => {
        const { tier, minScale, target, containerConcurrency, spot } = f.recommended.setting;
        return [f.profile.name, { tier, minScale, target, containerConcurrency, spot, reason: f.reason }];
      }),
  ),
});
