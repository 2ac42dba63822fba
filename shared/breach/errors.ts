import { DomainError } from '../kernel/index.ts';
import type { BreachStatus } from './breach.ts';

export const breachErrors = {
  notFound: () => new DomainError('not_found', 'BREACH_NOT_FOUND', { detail: 'No such breach in the register.' }),
  transition: (from: BreachStatus, to: BreachStatus, allowed: readonly BreachStatus[]) =>
    new DomainError('conflict', 'BREACH_STATUS_TRANSITION_INVALID', {
      detail: `A ${from} breach cannot become ${to}.`,
      extensions: { currentStatus: from, allowed: [...allowed] },
    }),
  noteRequired: (reason: 'closing' | 'late_notice') =>
    new DomainError('invalid', 'BREACH_NOTE_REQUIRED', {
      detail:
        reason === 'closing'
          ? 'Say why the breach is closed (Art. 33(5): the reasoning is documented).'
          : 'The authority is told after the 72-hour deadline: give the reasons for the delay (Art. 33(1)).',
      extensions: { reason },
    }),
  awareInFuture: () => new DomainError('invalid', 'BREACH_AWARENESS_IN_FUTURE', { detail: 'awareAt cannot be in the future.' }),
  windowInvalid: () => new DomainError('invalid', 'BREACH_WINDOW_INVALID', { detail: 'The window must end after it starts.' }),
  scopeMissing: () =>
    new DomainError('invalid', 'BREACH_SCOPE_REQUIRED', {
      detail: 'Name the functions or stores involved and a time window (here or when reporting the breach).',
    }),
  unknownScope: (functions: readonly string[], stores: readonly string[]) =>
    new DomainError('invalid', 'BREACH_SCOPE_UNKNOWN', {
      detail: 'Some functions or stores are not in the deployment graph.',
      extensions: { functions: [...functions], stores: [...stores] },
    }),
  busy: () =>
    new DomainError('conflict', 'BREACH_CHANGE_CONFLICT', { detail: 'Another change of this breach was being saved; try again.' }),
  noticeVersionConflict: (current: number) =>
    new DomainError('conflict', 'BREACH_NOTICE_VERSION_CONFLICT', {
      detail: 'The notice changed since you opened it: edit the newest version.',
      extensions: { currentVersion: current },
    }),
  assessmentNotFound: () =>
    new DomainError('not_found', 'BREACH_ASSESSMENT_NOT_FOUND', { detail: 'No blast radius has been computed for this breach yet.' }),
  noticeNotFound: () => new DomainError('not_found', 'BREACH_NOTICE_NOT_FOUND', { detail: 'No draft of this notice yet.' }),
};
