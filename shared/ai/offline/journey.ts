import type { FlowDocument, FlowNode } from '../../flows/index.ts';
import { socialPattern, templateUses } from './catalog.ts';
import { patterns } from './patterns.ts';
import { compose, type Composition } from './compose.ts';
import { addStep, type Draft, type DraftOperation, newErrors, startDraft, unclear } from './draft.ts';
import { headObjectOf, phraseOf, splitPhrases, successTitle, type Phrase } from './phrases.ts';
import { patternSegment, screenSegment, type Segment, templateSegment } from './segments.ts';
import { providerOf } from './social.ts';
import { overlap, quoted } from './words.ts';

/*
 * The journey planner: a description ("sign-up with e-mail verification and Google login") becomes a
 * flow composed of the built-in templates it names, the catalog's small journeys, a social sign-in
 * branch, and a screen for each step it lists that none of those has — in the order written.
 */

/** Replaces what a match covered by spaces, so that no later rule reads the same words twice. */
const mask = (text: string, index: number, length: number) => text.slice(0, index) + ' '.repeat(length) + text.slice(index + length);

/** The parts a description asks for, in the order it mentions them, and the social providers. */
export const readDescription = (description: string): { segments: Segment[]; providers: string[] } => {
  let text = description.replace(/\s+/g, ' ');
  const providers: string[] = [];
  for (const found of text.matchAll(new RegExp(socialPattern.source, 'gi'))) {
    const provider = providerOf(found[0]);
    if (!providers.includes(provider)) providers.push(provider);
    text = mask(text, found.index, found[0].length);
  }
  const segments: Segment[] = [];
  const replaced = new Set<string>();
  for (const pattern of patterns) {
    const found = pattern.match.exec(text);
    if (!found) continue;
    segments.push(patternSegment(pattern, found.index));
    pattern.replaces?.forEach((template) => replaced.add(template));
    text = mask(text, found.index, found[0].length);
  }
  for (const use of templateUses) {
    const found = use.match.exec(text);
    if (!found) continue;
    text = mask(text, found.index, found[0].length);
    const segment = replaced.has(use.template) ? null : templateSegment(use, found.index);
    if (segment) segments.push(segment);
  }
  // A social sign-in needs a form to sit on: the login template when the description names no other.
  const firstProvider = new RegExp(socialPattern.source, 'i').exec(description);
  if (firstProvider && !segments.some((segment) => segment.use?.form)) {
    const login = templateUses.find((use) => use.template === 'builtin-login');
    const segment = login && templateSegment(login, firstProvider.index);
    if (segment) segments.push(segment);
  }
  const parts = inTimeOrder(description, withoutRepeats(segments));
  const screens = phraseSegments(description, text, parts);
  return { segments: [...parts, ...screens].sort((a, b) => a.position - b.position), providers };
};

/** "Onboarding checklist after sign-up": what comes after "after" happens first. */
const inTimeOrder = (description: string, segments: Segment[]): Segment[] => {
  const ordered = [...segments].sort((a, b) => a.position - b.position);
  ordered.forEach((segment, index) => {
    const before = description.slice(Math.max(0, segment.position - 16), segment.position);
    if (index > 0 && /\b(?:after|following|once)\s+(?:the\s+|a\s+|an\s+)?$/i.test(before))
      segment.position = ordered[index - 1]!.position - 0.5;
  });
  return ordered;
};

const shownTitles = (segments: readonly Segment[]) =>
  segments.flatMap((segment) => segment.nodes.filter((node) => node.type === 'screen' || node.type === 'popup').map((node) => node.title));

/** A small journey whose screens a template of the description already has (mostly) is left out: no screen twice. */
const withoutRepeats = (segments: readonly Segment[]): Segment[] => {
  const fromTemplates = shownTitles(segments.filter((segment) => segment.kind === 'template'));
  return segments.filter((segment) => {
    if (segment.kind !== 'pattern') return true;
    const own = shownTitles([segment]).filter((title) => !segment.nodes.some((node) => node.title === title && node.type === 'popup'));
    const repeated = own.filter((title) => fromTemplates.some((other) => overlap(title, other) >= 0.99 || overlap(other, title) >= 0.99));
    return repeated.length * 2 < own.length || own.length === 0;
  });
};

/** A screen for each step the description lists that the composed parts do not already show. */
const phraseSegments = (description: string, masked: string, composed: readonly Segment[]): Segment[] => {
  const colon = masked.indexOf(':');
  const body = colon >= 0 ? masked.slice(colon + 1) : masked;
  const offset = colon >= 0 ? colon + 1 : 0;
  const listed = colon >= 0;
  const generic = composed.length === 0;
  let pieces = splitPhrases(body).map((piece) => ({ text: piece.text, position: piece.position + offset }));
  // "Write a product review with a star rating and photos": the things it comes with are steps too.
  if (generic && pieces.length === 1) pieces = withParts(pieces[0]!);
  const shown = shownTitles(composed);
  const phrases = pieces
    // A phrase cut by a template's or a journey's words ("add it to the ____") belongs to that part.
    .filter((piece) => !/\s{3,}/.test(piece.text))
    // Steps without a verb ("splash screen, intro carousel") count in a list, not alone ("hmm").
    .map((piece) => phraseOf(piece.text, piece.position, listed || (generic && pieces.length > 1)))
    .filter((phrase): phrase is Phrase => phrase !== null && (generic || listed || phrase.bare !== true))
    .filter((phrase) => !shown.some((title) => overlap(phrase.title, title) >= 0.5 || overlap(title, phrase.title) >= 0.8));
  const segments = phrases.map((phrase) => screenSegment(phrase.title, phrase.position));
  const last = phrases.at(-1);
  const lastPart = [...composed, ...segments].sort((a, b) => a.position - b.position).at(-1);
  const head = colon >= 0 ? description.slice(0, colon) : '';
  const success = lastPart?.kind === 'screen' ? successTitle(last, headObjectOf(head)) : null;
  if (success !== null && last !== undefined) {
    // A finishing verb alone ("…and submit") is the success screen itself, not a screen of its own.
    if (last.bare === true && last.title !== 'Payment') segments.pop();
    segments.push(screenSegment(success, last.position + 0.5, 'Done'));
  }
  return segments;
};

const withParts = (piece: { text: string; position: number }) => {
  const found = /\s+with\s+(?:an?\s+|the\s+)?/i.exec(piece.text);
  if (!found) return [piece];
  const extras = piece.text
    .slice(found.index + found[0].length)
    .split(/\s*,\s*|\s+and\s+/i)
    .map((text) => text.replace(/^(?:an?|the|some)\s+/i, ''));
  return [
    { text: piece.text.slice(0, found.index), position: piece.position },
    ...extras.map((text, index) => ({ text, position: piece.position + found.index + index + 1 })),
  ];
};

const at = { x: 0, y: 0 };

/** Whether a flow has nothing yet: no step besides starts, ends and notes. */
export const isEmptyFlow = (doc: FlowDocument): boolean => doc.nodes.every((node) => ['start', 'end', 'note'].includes(node.type));

/** The node as added: at {0, 0} (the layout places it), outside any frame (GROUP_NODES puts it in one). */
const placed = (node: FlowNode): FlowNode => {
  const copy = { ...node, position: at };
  delete copy.frameId;
  return copy;
};

/** The composition as steps of a proposal on `doc` (an empty flow): its start and end reused, the rest added. */
const emit = (doc: FlowDocument, composition: Composition, existingStart?: FlowNode, existingEnd?: FlowNode): Draft => {
  const draft = startDraft(doc);
  const known = new Set(doc.nodes.map((node) => node.id));
  const title = (id: string) =>
    composition.nodes.find((node) => node.id === id)?.title ?? (id === composition.start.id ? composition.start.title : id);
  composition.steps.forEach((text, index) => {
    const step = index + 1;
    const operations: DraftOperation[] = [];
    if (step === 1) {
      if (existingStart && existingStart.title !== composition.start.title) {
        operations.push({
          operation: { type: 'UPDATE_NODE', id: existingStart.id, changes: { title: composition.start.title } },
          rationale: `The journey starts when the user ${composition.start.title.toLowerCase()}.`,
        });
      }
      for (const edge of doc.edges.filter((found) => !isNote(doc, found.source) && !isNote(doc, found.target))) {
        operations.push({
          operation: { type: 'DELETE_EDGE', id: edge.id },
          rationale: 'The empty flow’s placeholder edge makes way for the journey.',
        });
      }
    }
    const personas = new Set((doc.metadata.personas ?? []).map((persona) => persona.id));
    for (const { persona } of composition.personas.filter((entry) => entry.step === step && !personas.has(entry.persona.id))) {
      operations.push({
        operation: { type: 'CREATE_PERSONA', persona },
        rationale: `The template's persona ${quoted(persona.name)}, which its screens name.`,
      });
    }
    for (const node of composition.nodes.filter((found) => composition.stepOf.get(found.id) === step)) {
      if (known.has(node.id)) {
        if (node.id === existingEnd?.id && existingEnd.title !== node.title) {
          operations.push({
            operation: { type: 'UPDATE_NODE', id: node.id, changes: { title: node.title } },
            rationale: `The journey ends with ${quoted(node.title)}.`,
          });
        }
        continue;
      }
      operations.push({
        operation: { type: 'ADD_NODE', node: placed(node) },
        rationale: `${quoted(node.title)}, from ${composition.labelOf.get(node.id) ?? 'the description'}.`,
      });
    }
    const stepOfEdge = (edge: { id: string; source: string; target: string }) =>
      Math.max(composition.stepOf.get(edge.id) ?? 1, composition.stepOf.get(edge.source) ?? 1, composition.stepOf.get(edge.target) ?? 1);
    for (const edge of composition.edges.filter((found) => stepOfEdge(found) === step)) {
      const how = edge.label ?? edge.trigger;
      operations.push({
        operation: { type: 'ADD_EDGE', edge },
        rationale: `${quoted(title(edge.source))} leads to ${quoted(title(edge.target))}${how ? ` (${how})` : ''}.`,
      });
    }
    const present = new Set(composition.nodes.map((node) => node.id));
    for (const frame of composition.frames.filter((found) => composition.stepOf.get(found.id) === step)) {
      const nodeIds = frame.nodeIds.filter((id) => present.has(id));
      if (nodeIds.length === 0) continue;
      operations.push({
        operation: { type: 'GROUP_NODES', nodeIds, title: frame.title, frameId: frame.id },
        rationale: `The template groups these steps as ${quoted(frame.title)}.`,
      });
    }
    addStep(draft, text, operations);
  });
  return draft;
};

const isNote = (doc: FlowDocument, id: string) => doc.nodes.find((node) => node.id === id)?.type === 'note';

/**
 * The plan for a described journey on an empty flow. @throws Unclear when the flow is not empty, the
 * description names nothing the planner can draw, or the result would not pass the flow rules and lint.
 */
export const planJourney = (doc: FlowDocument, description: string): Draft => {
  if (!isEmptyFlow(doc))
    unclear('This flow already has steps. Should I change it (say what to add or remove), or build the journey in a new flow?');
  const { segments, providers } = readDescription(description);
  if (segments.length === 0)
    unclear(
      'Which screens should this journey have? Describe it step by step, e.g. “browse products, view a product, add it to the cart and check out”.',
    );
  const start = doc.nodes.find((node) => node.type === 'start');
  const end = doc.nodes.find((node) => node.type === 'end');
  const taken = new Set([...doc.nodes, ...doc.edges, ...doc.frames].map((item) => item.id));
  const composition = compose(segments, { taken, startId: start?.id ?? 'start', ...(end ? { endId: end.id } : {}), providers });
  if (start === undefined) {
    composition.nodes.unshift(composition.start);
    composition.stepOf.set(composition.start.id, 1);
  }
  const draft = emit(doc, composition, start, end);
  const broken = newErrors(doc, draft.doc);
  if (broken.length > 0) unclear(`I could not draw this journey cleanly (${broken.join('; ')}). Could you describe it step by step?`);
  return draft;
};
