import type { NamedFunction } from '../../../shared/platform/definition/identity.ts';
import type { Privacy, Scaling, Tier } from '../../../shared/platform/definition/metadata.ts';
import { sortedRecord } from '../order.ts';

export const autoscalingPrefix = 'autoscaling.knative.dev/';

/**
 * How long the last pod of an idle revision stays before it scales to zero. Critical functions
 * keep it a minute (a user retrying a login should not meet a second cold start); the rest go
 * at once, as soon as Knative's scale-to-zero grace period has passed.
 */
export const scaleToZeroRetention: Readonly<Record<Tier, string>> = { critical: '1m', standard: '0s', batch: '0s' };

/**
 * Knative Pod Autoscaler settings. Valid only on the revision template (the webhook rejects
 * them on the Service's own metadata). No `initial-scale`: "0" needs a cluster-wide flag, and
 * the default (1) is what a freshly deployed revision should do anyway.
 */
const autoscaling = (scaling: Scaling, tier: Tier): Record<string, string> => ({
  [`${autoscalingPrefix}class`]: 'kpa.autoscaling.knative.dev',
  [`${autoscalingPrefix}metric`]: 'concurrency',
  [`${autoscalingPrefix}target`]: String(scaling.concurrency),
  [`${autoscalingPrefix}min-scale`]: String(scaling.minScale),
  [`${autoscalingPrefix}max-scale`]: String(scaling.maxScale),
  [`${autoscalingPrefix}scale-to-zero-pod-retention-period`]: scaleToZeroRetention[tier],
});

const privacy = (annotations: Privacy): Record<string, string> =>
  annotations.personalData === 'none'
    ? { 'uxflow.dev/personal-data': 'none' }
    : {
        'uxflow.dev/personal-data': [...annotations.personalData].sort().join(','),
        'uxflow.dev/purpose': annotations.purpose,
        'uxflow.dev/legal-basis': annotations.legalBasis,
      };

/** Annotations of a function's revision template: autoscaling, privacy and credit pricing. */
export const templateAnnotations = (definition: NamedFunction): Record<string, string> =>
  sortedRecord({
    ...autoscaling(definition.scaling, definition.costTags.tier),
    ...privacy(definition.privacy),
    ...(definition.credits === null ? {} : { 'uxflow.dev/credits': definition.credits }),
  });
