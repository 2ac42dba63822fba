import { spotScheduling } from '../spot-scheduling.ts';
import { autoscalingPrefix } from '../template-annotations.ts';
import type { Placement } from './placement.ts';

/** One RFC 6902 operation, as kustomize applies it. */
export type JsonPatchOperation = { op: 'add' | 'replace' | 'test'; path: string; value: unknown } | { op: 'remove'; path: string };

/** `a/b` → `a~1b`: a map key as one JSON Pointer token. */
export const pointerToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

const minScalePath = `/spec/template/metadata/annotations/${pointerToken(`${autoscalingPrefix}min-scale`)}`;

/**
 * The operations that move one Service from its base placement to its placement in an
 * environment: the min-scale annotation, and for a new spot preference the node affinity and
 * the spot toleration (added or removed). Empty when nothing changes.
 */
export const servicePatch = (base: Placement, deployed: Placement): JsonPatchOperation[] => {
  const operations: JsonPatchOperation[] = [];
  if (base.minScale !== deployed.minScale) operations.push({ op: 'replace', path: minScalePath, value: String(deployed.minScale) });
  if (base.spot === deployed.spot) return operations;
  const from = spotScheduling(base.spot);
  const to = spotScheduling(deployed.spot);
  operations.push({ op: 'replace', path: '/spec/template/spec/affinity', value: to.affinity });
  if (from.tolerations && !to.tolerations) operations.push({ op: 'remove', path: '/spec/template/spec/tolerations' });
  if (to.tolerations)
    operations.push({ op: from.tolerations ? 'replace' : 'add', path: '/spec/template/spec/tolerations', value: to.tolerations });
  return operations;
};
