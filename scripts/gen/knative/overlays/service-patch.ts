import { spotScheduling } from '../spot-scheduling.ts';
import { autoscalingPrefix, scaleToZeroRetention } from '../template-annotations.ts';
import type { Placement } from './placement.ts';

/** One RFC 6902 operation, as kustomize applies it. */
export type JsonPatchOperation = { op: 'add' | 'replace' | 'test'; path: string; value: unknown } | { op: 'remove'; path: string };

/** `a/b` → `a~1b`: a map key as one JSON Pointer token. */
export const pointerToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

const annotationPath = (name: string) => `/spec/template/metadata/annotations/${pointerToken(`${autoscalingPrefix}${name}`)}`;
const minScalePath = annotationPath('min-scale');

/** Target, hard concurrency and tier (its labels and scale-to-zero retention) where the deployed placement changes them. */
const scalingOperations = (base: Placement, deployed: Placement): JsonPatchOperation[] => {
  const operations: JsonPatchOperation[] = [];
  if (deployed.target !== undefined && deployed.target !== base.target)
    operations.push({ op: 'replace', path: annotationPath('target'), value: String(deployed.target) });
  if (deployed.containerConcurrency !== undefined && deployed.containerConcurrency !== (base.containerConcurrency ?? 0))
    operations.push({ op: 'replace', path: '/spec/template/spec/containerConcurrency', value: deployed.containerConcurrency });
  if (deployed.tier !== undefined && base.tier !== undefined && deployed.tier !== base.tier) {
    operations.push(
      { op: 'replace', path: '/metadata/labels/tier', value: deployed.tier },
      { op: 'replace', path: '/spec/template/metadata/labels/tier', value: deployed.tier },
    );
    if (scaleToZeroRetention[deployed.tier] !== scaleToZeroRetention[base.tier])
      operations.push({
        op: 'replace',
        path: annotationPath('scale-to-zero-pod-retention-period'),
        value: scaleToZeroRetention[deployed.tier],
      });
  }
  return operations;
};

/**
 * The operations that move one Service from its base placement to its placement in an
 * environment: the min-scale annotation; target, container concurrency and tier where a reviewed
 * scaling entry changes them; and for a new spot preference the node affinity and the spot
 * toleration (added or removed). Empty when nothing changes.
 */
export const servicePatch = (base: Placement, deployed: Placement): JsonPatchOperation[] => {
  const operations: JsonPatchOperation[] = [];
  if (base.minScale !== deployed.minScale) operations.push({ op: 'replace', path: minScalePath, value: String(deployed.minScale) });
  operations.push(...scalingOperations(base, deployed));
  if (base.spot === deployed.spot) return operations;
  const from = spotScheduling(base.spot);
  const to = spotScheduling(deployed.spot);
  operations.push({ op: 'replace', path: '/spec/template/spec/affinity', value: to.affinity });
  if (from.tolerations && !to.tolerations) operations.push({ op: 'remove', path: '/spec/template/spec/tolerations' });
  if (to.tolerations)
    operations.push({ op: from.tolerations ? 'replace' : 'add', path: '/spec/template/spec/tolerations', value: to.tolerations });
  return operations;
};
