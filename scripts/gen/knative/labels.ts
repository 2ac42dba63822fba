import type { NamedFunction } from '../../../shared/platform/definition/identity.ts';
import { sortedRecord } from '../order.ts';
import { cluster } from './cluster.ts';

/**
 * The labels of everything deployed for a function: its cost tags (FinOps reads `team`,
 * `cost-center`, `service`, `domain`, `tier`; each overlay adds `env`), the recommended app
 * labels and how it is triggered.
 */
export const functionLabels = (definition: NamedFunction): Record<string, string> =>
  sortedRecord({
    'app.kubernetes.io/name': definition.name,
    'app.kubernetes.io/part-of': cluster.partOf,
    'cost-center': definition.costTags.costCenter,
    domain: definition.domain,
    service: definition.name,
    team: definition.costTags.team,
    tier: definition.costTags.tier,
    'uxflow.dev/trigger': definition.kind,
  });
