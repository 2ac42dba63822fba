import type { Breach } from './breach.ts';
import type { BlastRadius } from './blast-radius.ts';

export const noticeAudiences = ['authority', 'subjects'] as const;
export type NoticeAudience = (typeof noticeAudiences)[number];

/** The sections of a notice to the supervisory authority (GDPR Art. 33(3)), and to the people affected (Art. 34(2)). */
export const noticeSections = {
  authority: [
    'nature',
    'categoriesOfSubjects',
    'approximateSubjects',
    'categoriesOfRecords',
    'approximateRecords',
    'dpoContact',
    'likelyConsequences',
    'measures',
    'timeline',
  ],
  subjects: ['whatHappened', 'whatData', 'likelyConsequences', 'whatWeAreDoing', 'whatYouCanDo', 'contact'],
} as const satisfies Record<NoticeAudience, readonly string[]>;

export type NoticeSections = Record<string, string>;

/** One version of a notice: generated from the register, or edited by the DPO. Insert-only. */
export interface NoticeDraft {
  breachId: string;
  audience: NoticeAudience;
  version: number;
  source: 'generated' | 'edited';
  /** The blast radius (its number) a generated draft was built from. */
  assessmentSeq: number | null;
  sections: NoticeSections;
  createdAt: Date;
  createdBy: string;
}

// What each data class means for the people concerned, in plain words.
const consequences: Record<string, string> = {
  'direct-identifier': 'names and e-mail addresses could be used for targeted phishing or spam',
  secret: 'credentials or keys could let someone sign in to accounts or call the API as their owners',
  financial: 'billing details could be misused or disclosed',
  'user-content': 'the flows, documents and prompts people wrote could be read by others, including confidential product plans',
  network: 'IP addresses and browser details could reveal approximate locations and devices',
  pseudonymous: 'account activity (sessions, memberships, usage) could be tied back to people',
};
const advice: Record<string, string> = {
  secret: 'Change your password, sign out of all sessions, and revoke and re-create your API keys.',
  'direct-identifier': 'Be wary of e-mails that claim to come from us and ask you to sign in or pay; we never ask for your password.',
  financial: 'Check your card and invoice statements and tell your bank about anything you do not recognise.',
  'user-content': 'Review the flows and documents in your workspaces and tell us if you see changes you did not make.',
};

const list = (values: readonly string[]) => (values.length > 0 ? values.join(', ') : 'not determined yet');
const when = (date: Date) => date.toISOString().replace('.000Z', 'Z');

/** Drafts a notice from the register and, when computed, the blast radius. The DPO edits before sending. */
export const draftNotice = (
  audience: NoticeAudience,
  breach: Breach,
  radius: BlastRadius | null,
  facts: { dpoContact: string; now: Date },
): NoticeSections => {
  const classes = [...new Set([...breach.dataClasses, ...(radius?.dataClasses ?? [])])].sort();
  const likely = classes.map((c) => consequences[c]).filter((text): text is string => Boolean(text));
  const users = radius ? `${radius.users.length}${radius.truncated ? ' or more' : ''}` : 'not yet assessed';
  const workspaces = radius ? `${radius.workspaces.length}${radius.truncated ? ' or more' : ''}` : 'not yet assessed';
  const window = breach.window ?? radius?.scope.window ?? null;
  const span = window ? `between ${when(window.from)} and ${when(window.to)}` : 'over a period still being established';
  if (audience === 'authority') {
    return {
      nature: `${breach.description} The breach occurred ${span}. Systems involved: functions ${list(radius?.functions ?? breach.functions)}; stores ${list(breach.stores)}.`,
      categoriesOfSubjects: 'Account holders and members of customer workspaces of the service.',
      approximateSubjects: `${users} people (accounts that used the affected functions in the window) in ${workspaces} workspaces.`,
      categoriesOfRecords: `Data classes: ${list(classes)}; personal-data categories: ${list(radius?.personalData ?? [])}.`,
      approximateRecords: radius
        ? `The records of ${users} accounts held in the stores listed above.`
        : 'Not yet assessed; the blast radius will give the number of accounts concerned.',
      dpoContact: facts.dpoContact,
      likelyConsequences: likely.length > 0 ? `${likely.join('; ')}.` : 'Being assessed.',
      measures: 'Taken: [describe containment, e.g. access revoked, credentials rotated]. Proposed: [describe remediation and monitoring].',
      timeline: `Aware since ${when(breach.awareAt)}; reported to the register ${when(breach.reportedAt)}; this notice drafted ${when(facts.now)}.`,
    };
  }
  const steps = classes.map((c) => advice[c]).filter((text): text is string => Boolean(text));
  return {
    whatHappened: `We found a security incident affecting our service ${span}. ${breach.description}`,
    whatData: `The information involved may include: ${list(classes.map((c) => c.replace('-', ' ')))}.`,
    likelyConsequences:
      likely.length > 0 ? `This could mean that ${likely.join('; ')}.` : 'We are still working out what this could mean for you.',
    whatWeAreDoing:
      'We stopped the incident, are investigating it, and have told the data protection authority. [Add the specific steps taken.]',
    whatYouCanDo: steps.length > 0 ? steps.join(' ') : 'You do not need to do anything at this point; we will tell you if that changes.',
    contact: `If you have questions, write to our Data Protection Officer at ${facts.dpoContact}.`,
  };
};
