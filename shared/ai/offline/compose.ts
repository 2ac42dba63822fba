import type { FlowEdge, FlowFrame, FlowNode, Persona } from '../../flows/index.ts';
import { articleTitles } from './catalog.ts';
import type { Segment } from './segments.ts';
import { socialBranch } from './social.ts';
import { quoted } from './words.ts';

/*
 * Joining the parts of a journey into one flow: ids made unique, a template's link to another one the
 * journey has ("Go to password reset" → the reset template, "Continue to sign in" → login), and the
 * main parts in a row, each one's success end replaced by the next one's entry. Every node, edge and
 * frame remembers the plan step that brings it.
 */

export interface Composition {
  nodes: FlowNode[];
  edges: FlowEdge[];
  frames: FlowFrame[];
  /** The plan step (1-based) of every node, edge and frame id. */
  stepOf: Map<string, number>;
  steps: string[];
  labelOf: Map<string, string>;
  start: FlowNode;
  finalEnd: string;
  /** The templates' personas, each with the step that first needs it. */
  personas: { persona: Persona; step: number }[];
}

interface Part {
  segment: Segment;
  step: number;
  main: boolean;
  /** Linked from another part; `join`: its success goes on with the journey like the part it is linked from. */
  joinsWith?: Part;
}

const knowledge = (slugs: readonly string[]) => {
  const titles = slugs.flatMap((slug) => (articleTitles[slug] ? [quoted(articleTitles[slug])] : []));
  return titles.length > 0 ? ` (knowledge base: ${titles.slice(0, 2).join(', ')})` : '';
};

const shownTitles = (segment: Segment) =>
  segment.nodes
    .filter((node) => node.type === 'screen' || node.type === 'popup')
    .slice(0, 5)
    .map((node) => quoted(node.title))
    .join(', ');

/** Makes the segment's ids unique against `taken` (prefixing them), and adds them to `taken`. */
const uniqueIds = (segment: Segment, prefix: string, taken: Set<string>): Segment => {
  const renamed = new Map<string, string>();
  const claim = (id: string) => {
    let next = taken.has(id) ? `${prefix}_${id}`.slice(0, 90) : id;
    for (let n = 2; taken.has(next); n += 1) next = `${prefix}_${id}_${n}`.slice(0, 100);
    taken.add(next);
    renamed.set(id, next);
    return next;
  };
  segment.nodes.forEach((node) => claim(node.id));
  const nodeId = (id: string) => renamed.get(id) ?? id;
  const edgeIds = new Map(segment.edges.map((edge) => [edge.id, claim(edge.id)]));
  const frameIds = new Map(segment.frames.map((frame) => [frame.id, claim(frame.id)]));
  const use = segment.use && {
    ...segment.use,
    success: nodeId(segment.use.success),
    ...(segment.use.form ? { form: nodeId(segment.use.form) } : {}),
    ...(segment.use.session ? { session: nodeId(segment.use.session) } : {}),
    ...(segment.use.links ? { links: segment.use.links.map((link) => ({ ...link, end: nodeId(link.end) })) } : {}),
  };
  return {
    ...segment,
    nodes: segment.nodes.map((node) => {
      const { frameId, ...rest } = node;
      return { ...rest, id: nodeId(node.id), ...(frameId ? { frameId: frameIds.get(frameId) ?? frameId } : {}) };
    }),
    edges: segment.edges.map((edge) => ({ ...edge, id: edgeIds.get(edge.id)!, source: nodeId(edge.source), target: nodeId(edge.target) })),
    frames: segment.frames.map((frame) => ({ ...frame, id: frameIds.get(frame.id)!, nodeIds: frame.nodeIds.map(nodeId) })),
    entry: nodeId(segment.entry),
    success: nodeId(segment.success),
    ...(use ? { use } : {}),
  };
};

export interface ComposeOptions {
  /** Ids the flow already uses (they are never given to new items). */
  taken: Set<string>;
  startId: string;
  /** The flow's existing end node, which becomes the journey's last end. */
  endId?: string;
  providers: string[];
}

export const compose = (segments: readonly Segment[], options: ComposeOptions): Composition => {
  const taken = new Set([...options.taken, options.startId, ...(options.endId ? [options.endId] : [])]);
  const parts: Part[] = [];
  let step = 0;
  segments.forEach((raw, index) => {
    const segment = uniqueIds(raw, raw.use?.short ?? (raw.kind === 'screen' ? `s${index + 1}` : raw.key.replace(/-/g, '_')), taken);
    const previous = parts.at(-1);
    const shares = segment.kind === 'screen' && previous?.segment.kind === 'screen';
    parts.push({ segment, step: shares ? step : ++step, main: true });
  });
  const nodes = parts.flatMap((part) => part.segment.nodes);
  const edges = parts.flatMap((part) => part.segment.edges);
  const frames = parts.flatMap((part) => part.segment.frames);
  const stepOf = new Map<string, number>();
  const labelOf = new Map<string, string>();
  for (const part of parts) {
    for (const item of [...part.segment.nodes, ...part.segment.edges, ...part.segment.frames]) stepOf.set(item.id, part.step);
    for (const item of [...part.segment.nodes, ...part.segment.frames]) labelOf.set(item.id, part.segment.label);
  }
  const node = (id: string) => nodes.find((found) => found.id === id);
  const redirect = (from: string, to: string) => {
    for (const edge of edges) if (edge.target === from) edge.target = to;
    nodes.splice(
      nodes.findIndex((found) => found.id === from),
      1,
    );
  };
  const byTemplate = (template: string) => parts.find((part) => part.segment.key === template);
  const texts = new Map<number, string[]>();
  const say = (at: number, text: string) => texts.set(at, [...(texts.get(at) ?? []), text]);

  // Links between templates: the linked part is reached through the link, not chained after the others.
  parts.forEach((part, index) => {
    for (const link of part.segment.use?.links ?? []) {
      const other = byTemplate(link.to);
      if (other === undefined || other === part || !node(link.end)) continue;
      const endTitle = node(link.end)!.title;
      redirect(link.end, other.segment.entry);
      if (other.main && parts.indexOf(other) > index) Object.assign(other, { main: false, ...(link.join ? { joinsWith: part } : {}) });
      say(part.step, `${quoted(endTitle)} leads into ${other.segment.label}.`);
    }
    const form = part.segment.use?.form;
    for (const offer of part.segment.use?.offers ?? []) {
      const other = byTemplate(offer.to);
      const formNode = form ? node(form) : undefined;
      if (other === undefined || formNode === undefined || (formNode.type !== 'screen' && formNode.type !== 'popup')) continue;
      const elementId = `${form}_${other.segment.use?.short ?? 'other'}_link`;
      formNode.data = {
        ...formNode.data,
        elements: [...(formNode.data?.elements ?? []), { id: elementId, type: 'link', label: offer.label }],
      };
      const edgeId = `${form}_to_${other.segment.entry}`.slice(0, 90);
      edges.push({ id: edgeId, source: form!, target: other.segment.entry, trigger: `onClick(${elementId})` });
      stepOf.set(edgeId, Math.max(part.step, other.step));
      if (other.main && parts.indexOf(other) > index) Object.assign(other, { main: false, joinsWith: part });
      say(part.step, `${quoted(formNode.title)} offers “${offer.label}”, which leads into ${other.segment.label}.`);
    }
  });

  // The main parts in a row; a part joined to one of them (sign-up beside login) goes on with it.
  const main = parts.filter((part) => part.main);
  main.forEach((part, index) => {
    const next = main[index + 1];
    if (next === undefined) return;
    const endings = [part, ...parts.filter((other) => other.joinsWith === part)];
    for (const ending of endings) if (node(ending.segment.success)) redirect(ending.segment.success, next.segment.entry);
    if (next.segment.kind !== 'screen' || part.segment.kind !== 'screen') {
      say(next.step, `It follows ${part.segment.kind === 'screen' ? quoted(node(part.segment.entry)?.title ?? '') : part.segment.label}.`);
    }
  });

  const first = main[0]!;
  const start: FlowNode = { id: options.startId, type: 'start', title: first.segment.startTitle ?? 'Start', position: { x: 0, y: 0 } };
  const startEdge = `${options.startId}_to_${first.segment.entry}`.slice(0, 90);
  edges.unshift({ id: startEdge, source: start.id, target: first.segment.entry, trigger: 'onLoad' });
  stepOf.set(startEdge, first.step);

  let finalEnd = main.at(-1)!.segment.success;
  if (options.endId !== undefined && node(finalEnd)) {
    const end = node(finalEnd)!;
    for (const edge of edges) if (edge.target === finalEnd) edge.target = options.endId;
    stepOf.set(options.endId, stepOf.get(finalEnd)!);
    labelOf.set(options.endId, labelOf.get(finalEnd) ?? '');
    end.id = options.endId;
    finalEnd = options.endId;
  }

  const social = socialBranch(
    parts.map((part) => part.segment),
    options.providers,
    taken,
  );
  if (social) {
    step += 1;
    nodes.push(...social.nodes);
    edges.push(...social.edges);
    for (const item of [...social.nodes, ...social.edges]) stepOf.set(item.id, step);
    for (const item of social.nodes) labelOf.set(item.id, 'social sign-in');
    say(step, `${social.text}${knowledge(['sso-buttons', 'social-sign-up'])}.`);
  }

  const steps = Array.from({ length: step }, (_, index) => {
    const at = index + 1;
    const own = parts.filter((part) => part.step === at);
    const intro =
      own.length === 0
        ? ''
        : own[0]!.segment.kind === 'screen'
          ? `${at === 1 ? 'Start with' : 'Add'} the screens the description names that no template has: ${own.map((part) => quoted(node(part.segment.entry)?.title ?? '')).join(', ')}.`
          : `${at === 1 ? 'Start from' : 'Add'} ${own[0]!.segment.label}: ${shownTitles(own[0]!.segment)}${knowledge(own[0]!.segment.articles)}.`;
    return [intro, ...(texts.get(at) ?? [])].filter((text) => text !== '').join(' ');
  });
  const personas = new Map<string, { persona: Persona; step: number }>();
  for (const part of parts)
    for (const persona of part.segment.personas ?? [])
      if (!personas.has(persona.id)) personas.set(persona.id, { persona, step: part.step });
  return { nodes, edges, frames, stepOf, steps, labelOf, start, finalEnd, personas: [...personas.values()] };
};
