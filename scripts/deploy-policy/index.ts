import { cdnCheck } from './checks/cdn.ts';
import { costLabelsCheck } from './checks/cost-labels.ts';
import { disruptionBudgetsCheck } from './checks/disruption-budgets.ts';
import { eventTargetsCheck } from './checks/event-targets.ts';
import { httpRoutesCheck } from './checks/http-routes.ts';
import { minScaleCheck } from './checks/min-scale.ts';
import { probesCheck } from './checks/probes.ts';
import { resourcesCheck } from './checks/resources.ts';
import { schedulingCheck } from './checks/scheduling.ts';
import { secretValuesCheck } from './checks/secret-values.ts';
import type { K8sObject, PolicyCheck, PolicyContext, Violation } from './types.ts';

export type { K8sObject, PolicyCheck, PolicyContext, Violation } from './types.ts';

/** The project's deployment rules, each a named check (the deploy tests run each by name). */
export const policyChecks: readonly PolicyCheck[] = [
  costLabelsCheck,
  probesCheck,
  resourcesCheck,
  schedulingCheck,
  minScaleCheck,
  disruptionBudgetsCheck,
  eventTargetsCheck,
  httpRoutesCheck,
  cdnCheck,
  secretValuesCheck,
];

/** Every violation of every check over one build (knative/base or a built overlay). */
export const checkPolicies = (objects: readonly K8sObject[], context: PolicyContext): Violation[] =>
  policyChecks.flatMap((check) => check.run(objects, context));
