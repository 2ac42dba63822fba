import { personalDataCategories } from '../definition/metadata.ts';
import { dataClasses, type DataStore, type EraseRule, type ExportRule, type SubjectLink } from './data-map.ts';
import { retentionRules } from './retention.ts';

/** Classes that say a store holds something about a person. */
const personalClasses = new Set<string>(['direct-identifier', 'pseudonymous', 'user-content', 'network']);

const isNone = (rule: ExportRule | EraseRule): rule is { none: string } => typeof rule === 'object';
const links = (subject: SubjectLink | null): string[] => Object.keys(subject ?? {});

/**
 * What is wrong with a store's privacy facts (empty: nothing). The types catch most of it; this
 * catches what they cannot (a cast, an empty list) and the facts that contradict each other.
 */
export const storePrivacyProblems = ({ store, name, privacy }: DataStore): string[] => {
  const at = `${store} ${name}`;
  if (typeof privacy !== 'object' || privacy === null) return [`${at}: no privacy facts`];
  const problems: string[] = [];
  const { retention, subject } = privacy;
  // Read as plain strings: a cast or a plain object may have put anything there.
  const classes: readonly string[] = Array.isArray(privacy.classes) ? privacy.classes : [];
  const personalData: readonly string[] = Array.isArray(privacy.personalData) ? privacy.personalData : [];
  if (classes.length === 0) problems.push(`${at}: name at least one data class`);
  for (const c of classes) if (!(dataClasses as readonly string[]).includes(c)) problems.push(`${at}: unknown data class ${c}`);
  if (!Array.isArray(privacy.personalData)) problems.push(`${at}: personalData must list categories (empty: none)`);
  for (const c of personalData)
    if (!(personalDataCategories as readonly string[]).includes(c)) problems.push(`${at}: unknown category ${c}`);
  if (!Object.hasOwn(retentionRules, retention)) problems.push(`${at}: unknown retention rule ${String(retention)}`);
  for (const rule of [privacy.export, privacy.erase]) {
    if (isNone(rule) && (typeof rule.none !== 'string' || rule.none.trim().length < 10)) problems.push(`${at}: say why (10+ characters)`);
  }
  if (personalData.length === 0) {
    const personal = classes.filter((c) => personalClasses.has(c));
    if (personal.length > 0) problems.push(`${at}: classes ${personal.join(', ')} hold personal data, but no category is named`);
    if (!isNone(privacy.export) || !isNone(privacy.erase)) problems.push(`${at}: no personal data, so nothing to export or erase`);
  }
  const linked = links(subject);
  if (
    privacy.export === 'records' &&
    !linked.some((l) => l === 'userId' || l === 'email' || l === 'emailIndex' || l === 'workspaceId' || l === 'parent')
  ) {
    problems.push(`${at}: exporting records needs a subject link (userId, email, emailIndex, workspaceId or parent)`);
  }
  if (!isNone(privacy.erase) && privacy.erase !== 'crypto-shred' && linked.length === 0) {
    problems.push(`${at}: erasing (${privacy.erase}) needs a subject link to find the person's records`);
  }
  return problems;
};
