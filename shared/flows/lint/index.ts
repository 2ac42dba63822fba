import type { FlowDocument } from '../schema.ts';
import { cycleWithoutExit } from './cycle-without-exit.ts';
import { dataStates } from './data-states.ts';
import { deadEndScreen } from './dead-end-screen.ts';
import { decisionExits } from './decision-exits.ts';
import { destructiveConfirmation } from './destructive-confirmation.ts';
import { type LintFinding, type LintRule, type LintSeverity, lintSeverities } from './finding.ts';
import { formValidation } from './form-validation.ts';
import { screenReachable } from './screen-reachable.ts';
import { startReachesEnd } from './start-reaches-end.ts';

export { lintSeverities, type LintFinding, type LintRule, type LintSeverity } from './finding.ts';

/** The UX lint's rules by the `rule` their findings carry (docs/flows.md, "UX lint"). */
export const lintRules: Readonly<Record<string, LintRule>> = Object.freeze({
  DECISION_EXITS: decisionExits,
  SCREEN_UNREACHABLE: screenReachable,
  START_WITHOUT_END: startReachesEnd,
  DEAD_END_SCREEN: deadEndScreen,
  CYCLE_WITHOUT_EXIT: cycleWithoutExit,
  DATA_STATES_MISSING: dataStates,
  FORM_VALIDATION_MISSING: formValidation,
  DESTRUCTIVE_UNCONFIRMED: destructiveConfirmation,
});

const rank = (severity: LintSeverity) => lintSeverities.indexOf(severity);

/** Runs every rule on a document (pure; a stored flow is valid, and dangling edges are ignored anyway); errors first. */
export const lintFlow = (doc: FlowDocument): LintFinding[] =>
  Object.values(lintRules)
    .flatMap((rule) => rule(doc))
    .sort((a, b) => rank(a.severity) - rank(b.severity));
