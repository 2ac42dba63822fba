import type { Observation } from './observation.ts';
import type { DetectionRule, Severity, StoredSignal, Subject } from './rules.ts';
import type { DetectionSettings } from './settings.ts';

const minuteMs = 60_000;

/** A rule that fired: what it saw within the window that ends at `at`. */
export interface Finding {
  rule: string;
  title: string;
  severity: Severity;
  subject: Subject;
  /** The figure that reached the threshold (a sum or a number of distinct values). */
  value: number;
  threshold: number;
  windowStart: Date;
  windowEnd: Date;
  /**
   * The window slot (`floor(at / window)`): one alert per rule, subject and slot, however many
   * events (and concurrent consumers) see the threshold crossed within it.
   */
  slot: number;
}

/** The window a rule looks back over from `at` (inclusive at both ends). */
export const windowOf = (rule: DetectionRule, settings: DetectionSettings, at: Date) => {
  const ms = rule.windowMinutes(settings) * minuteMs;
  return { from: new Date(at.getTime() - ms), to: at, slot: Math.floor(at.getTime() / ms) };
};

/** The figure a rule measures over the signals of one subject. */
export const measure = (rule: DetectionRule, signals: readonly StoredSignal[]): number =>
  rule.measure === 'distinct'
    ? new Set(signals.flatMap((s) => (s.distinct === null ? [] : [s.distinct]))).size
    : signals.reduce((sum, s) => sum + s.weight, 0);

/**
 * Whether the rule fires for `subject` at `at`, given the subject's signals (those outside the
 * window are ignored, so a caller may pass more). Pure.
 */
export const evaluate = (
  rule: DetectionRule,
  settings: DetectionSettings,
  subject: Subject,
  at: Date,
  signals: readonly StoredSignal[],
): Finding | null => {
  const { from, to, slot } = windowOf(rule, settings, at);
  const inWindow = signals.filter((s) => s.at >= from && s.at <= to);
  const value = measure(rule, inWindow);
  const threshold = rule.threshold(settings);
  if (value < threshold) return null;
  return { rule: rule.name, title: rule.title, severity: rule.severity, subject, value, threshold, windowStart: from, windowEnd: to, slot };
};

/**
 * Runs every rule over a sequence of observations in time order, keeping the windows in memory:
 * what the consumer does with a store, for tests, fixtures and replays. Pure.
 */
export const replay = (rules: readonly DetectionRule[], settings: DetectionSettings, observations: readonly Observation[]): Finding[] => {
  const kept = new Map<string, StoredSignal[]>();
  const fired = new Set<string>();
  const findings: Finding[] = [];
  for (const o of [...observations].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    for (const rule of rules) {
      const signal = rule.signal(o);
      if (!signal) continue;
      const key = `${rule.name}|${signal.subject.kind}|${signal.subject.id}`;
      const list = kept.get(key) ?? [];
      list.push({ ...signal, at: o.at });
      kept.set(key, list);
      const finding = evaluate(rule, settings, signal.subject, o.at, list);
      if (finding && !fired.has(`${key}|${finding.slot}`)) {
        fired.add(`${key}|${finding.slot}`);
        findings.push(finding);
      }
    }
  }
  return findings;
};
