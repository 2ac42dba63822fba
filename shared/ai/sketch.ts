import { screenText } from '../knowledge/index.ts';
import type { SeenScreen } from './agents.ts';
import { jobFailures } from './job-failure.ts';

/** Bounds of what a reading may hold: a sketch is a journey, not a whole app. */
export const sketchLimits = { screens: 40, elements: 12, text: 120 } as const;

const clean = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, sketchLimits.text);

/**
 * The screens as the reader gave them, tidied: texts trimmed and bounded, screens without a title
 * or with a title seen before dropped, and actions that lead to a screen not in the list dropped
 * (a reader's guess of a screen it did not list is not a step of the plan).
 */
export const tidyScreens = (screens: readonly SeenScreen[]): SeenScreen[] => {
  const seen = new Map<string, SeenScreen>();
  for (const screen of screens) {
    const title = clean(screen.title);
    if (title === '' || seen.has(title.toLowerCase()) || seen.size >= sketchLimits.screens) continue;
    seen.set(title.toLowerCase(), {
      title,
      kind: screen.kind === 'popup' ? 'popup' : 'screen',
      elements: screen.elements.map(clean).filter(Boolean).slice(0, sketchLimits.elements),
      leadsTo: screen.leadsTo.map((lead) => ({ title: clean(lead.title), trigger: clean(lead.trigger) })),
    });
  }
  const titles = new Map([...seen.values()].map((screen) => [screen.title.toLowerCase(), screen.title]));
  return [...seen.values()].map((screen) => ({
    ...screen,
    leadsTo: screen.leadsTo.flatMap((lead) => {
      const title = titles.get(lead.title.toLowerCase());
      return title ? [{ title, trigger: lead.trigger || 'Continue' }] : [];
    }),
  }));
};

/**
 * The plan an image job hands the architect: one step per screen seen, in order, naming what is on
 * it and where its actions lead. Text read from an image is user input like any message, so it is
 * screened for prompt injection before a model sees it.
 * @throws IMAGE_FLAGGED when a text of the image reads as instructions to a model.
 */
export const sketchSteps = (screens: readonly SeenScreen[]): string[] => {
  // All the texts at once: an instruction may be spread over several labels.
  const verdict = screenText(
    screens.flatMap((screen) => [screen.title, ...screen.elements, ...screen.leadsTo.map((lead) => lead.trigger)]).join('\n'),
  );
  if (verdict.flagged) throw jobFailures.imageFlagged(verdict.rules);
  return screens.map((screen) => {
    const on = screen.elements.length > 0 ? ` showing ${screen.elements.map((text) => `“${text}”`).join(', ')}` : '';
    const leads = screen.leadsTo.map((lead) => `“${lead.trigger}” leads to “${lead.title}”`).join('; ');
    return `Add the ${screen.kind} “${screen.title}”${on}${leads ? `; ${leads}` : ''}.`;
  });
};
