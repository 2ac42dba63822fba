import { isDomainError, type DomainError } from '../../kernel/index.ts';
import type { FlowDocument, FlowEdge, FlowNode } from '../../flows/index.ts';
import { type Block, blockOf, insertBlock, type Placement } from './blocks.ts';
import { type Command, parseInstruction, splits } from './commands.ts';
import { addStep, type Draft, newErrors, startDraft, Unclear, unclear } from './draft.ts';
import { forwardEdge, forwardIncoming, graphOf, outcomeEdge, type FlowGraph } from './flow-graph.ts';
import { removeNodes } from './removal.ts';
import { matchScore, resolveNode, resolveNodes, resolveTarget, type Target, titleOf } from './resolve.ts';
import { confirmStep, statesStep } from './edit-states.ts';
import { idFromTitle, quoted, titleFrom, wordsOf } from './words.ts';

/*
 * The edit interpreter: plain instructions carried out on an existing flow, as steps of a proposal.
 * It touches only what the instruction names (and the edges that must follow it); when a name is
 * ambiguous or unknown it asks instead of guessing (`Unclear`).
 */

export const examples =
  '“add a review screen after Shipping”, “rename Cart to Basket”, “remove the promo code”, “connect A to B”, “add a loading state to Results”';

/** The best of the ways to cut "A to B" into two names that both match. */
const bestSplit = (
  doc: FlowDocument,
  rest: string,
  joiner: RegExp,
  focus: readonly string[],
  kinds: Target['kind'][] = ['node', 'frame'],
) => {
  const scored = splits(rest, joiner).map(([left, right]) => ({
    left,
    right,
    score: matchScore(doc, left, focus, kinds) + matchScore(doc, right, focus, ['node']),
  }));
  return scored.sort((a, b) => b.score - a.score)[0];
};

const rename = (draft: Draft, target: Target, name: string): void => {
  const title = titleFrom(name.replace(/^["“']|["”']$/g, ''));
  if (title === '') unclear(`What should ${quoted(titleOf(target))} be called?`);
  if (title === titleOf(target)) unclear(`${quoted(title)} already has that name. What should change?`);
  if (target.kind === 'frame') {
    addStep(draft, `Rename the frame ${quoted(target.frame.title)} to ${quoted(title)}.`, [
      {
        operation: { type: 'UPDATE_FRAME', id: target.frame.id, changes: { title } },
        rationale: `The frame is called ${quoted(title)} now, as asked.`,
      },
    ]);
    return;
  }
  const node = target.node;
  addStep(draft, `Rename ${quoted(node.title)} to ${quoted(title)}.`, [
    {
      operation: { type: 'UPDATE_NODE', id: node.id, changes: { title } },
      rationale: `The step is called ${quoted(title)} now, as asked.`,
    },
  ]);
};

const remove = (draft: Draft, target: Target): void => {
  if (target.kind === 'element')
    unclear(`Removing a single button is not something I can do yet; remove the step it leads to, or edit the screen by hand.`);
  const ids = target.kind === 'frame' ? target.frame.nodeIds : [target.node.id];
  if (ids.length === 0) unclear(`The frame ${quoted(titleOf(target))} is empty. Should the frame itself go?`);
  const plan = removeNodes(draft.doc, ids, target.kind === 'frame' ? [target.frame.id] : []);
  const others = plan.removed
    .filter((id) => !ids.includes(id))
    .map((id) => quoted(draft.doc.nodes.find((node) => node.id === id)?.title ?? id));
  const what = target.kind === 'frame' ? `the frame ${quoted(target.frame.title)} and its steps` : quoted(target.node.title);
  const also = others.length > 0 ? ` with ${others.join(', ')}, which only it led to` : '';
  addStep(draft, `Remove ${what}${also}, and lead the steps before it on to where it led.`, plan.operations);
};

const connect = (draft: Draft, from: FlowNode, to: FlowNode): void => {
  if (from.type === 'end') unclear(`${quoted(from.title)} ends the flow, so nothing can lead out of it. Did you mean the other way round?`);
  if (from.type === 'condition') unclear(`${quoted(from.title)} has several outcomes. Which one should lead to ${quoted(to.title)}?`);
  if (draft.doc.edges.some((edge) => edge.source === from.id && edge.target === to.id))
    unclear(`${quoted(from.title)} already leads to ${quoted(to.title)}.`);
  const id = freshEdgeId(draft.doc, `${from.id}_to_${to.id}`);
  addStep(draft, `Connect ${quoted(from.title)} to ${quoted(to.title)}.`, [
    {
      operation: { type: 'ADD_EDGE', edge: { id, source: from.id, target: to.id, label: `Go to ${to.title}`.slice(0, 200) } },
      rationale: `A way from ${quoted(from.title)} to ${quoted(to.title)}, as asked.`,
    },
  ]);
};

const freshEdgeId = (doc: FlowDocument, base: string): string => {
  const used = new Set([...doc.nodes, ...doc.edges, ...doc.frames].map((item) => item.id));
  const stem = base.slice(0, 90);
  if (!used.has(stem)) return stem;
  for (let n = 2; ; n += 1) if (!used.has(`${stem}_${n}`)) return `${stem}_${n}`;
};

const group = (draft: Draft, members: string, name: string | undefined, focus: readonly string[]): void => {
  const nodes = resolveNodes(draft.doc, members, focus);
  const category = /^(?:all\s+)?(?:of\s+)?(?:the\s+)?(.+?)\s+(?:screens|steps|pages|popups)$/i.exec(members.trim())?.[1];
  const title = titleFrom(name ?? category ?? 'Group');
  const ids = nodes.map((node) => node.id);
  const same = draft.doc.frames.find((frame) => frame.nodeIds.length === ids.length && ids.every((id) => frame.nodeIds.includes(id)));
  if (same)
    unclear(`${nodes.map((node) => quoted(node.title)).join(', ')} already make up the frame ${quoted(same.title)}. Rename it instead?`);
  const frameId = freshEdgeId(draft.doc, `frm_${idFromTitle(title)}`);
  addStep(draft, `Group ${nodes.map((node) => quoted(node.title)).join(', ')} into a frame ${quoted(title)}.`, [
    { operation: { type: 'GROUP_NODES', nodeIds: ids, title, frameId }, rationale: `One frame ${quoted(title)} around the steps named.` },
  ]);
};

/** Where a block goes after `target`: past the checks for a verification, right after the step otherwise. */
const placeAfter = (graph: FlowGraph, target: Target, block: Block): Placement => {
  if (target.kind === 'frame') {
    const inside = new Set(target.frame.nodeIds);
    const exits = graph.doc.edges.filter((edge) => inside.has(edge.source) && !inside.has(edge.target));
    const forward = exits.find((edge) => forwardEdge(graph, edge.source) === edge && isTowardsEnd(graph, edge)) ?? exits[0];
    if (forward === undefined)
      return unclear(`Nothing leads out of the frame ${quoted(target.frame.title)}; where should ${quoted(block.title)} go?`);
    return { retarget: [forward], next: forward.target };
  }
  const verification = ['two-factor', 'email-code', 'phone-code'].includes(block.kind);
  const edge = verification ? outcomeEdge(graph, target.node.id) : forwardEdge(graph, target.node.id);
  if (edge === undefined) return unclear(`${quoted(target.node.title)} ends the flow; should ${quoted(block.title)} go before it?`);
  return { retarget: [edge], ...frameOf(graph, edge), next: edge.target };
};

const isTowardsEnd = (graph: FlowGraph, edge: FlowEdge): boolean =>
  (graph.depth.get(edge.target) ?? 0) > (graph.depth.get(edge.source) ?? 0);

/** The frame both ends of an edge are in, for a node inserted on it. */
const frameOf = (graph: FlowGraph, edge: FlowEdge): { frameId?: string } => {
  const frame = graph.node(edge.source)?.frameId;
  return frame !== undefined && frame === graph.node(edge.target)?.frameId ? { frameId: frame } : {};
};

const placeBefore = (graph: FlowGraph, target: Target, block: Block): Placement => {
  const node = target.kind === 'frame' ? entryOf(graph, target.frame.nodeIds) : target.node;
  if (node === undefined || node.type === 'start')
    return unclear(`Nothing comes before ${quoted(titleOf(target))}; should ${quoted(block.title)} go after it?`);
  const edges = forwardIncoming(graph, node.id);
  if (edges.length === 0) return unclear(`Nothing leads to ${quoted(node.title)} yet; where should ${quoted(block.title)} go?`);
  return { retarget: edges, next: node.id, ...(edges.length === 1 ? frameOf(graph, edges[0]!) : {}) };
};

/** The member of a frame the flow reaches first. */
const entryOf = (graph: FlowGraph, ids: readonly string[]): FlowNode | undefined =>
  ids
    .map((id) => graph.node(id))
    .filter((node) => node !== undefined)
    .sort((a, b) => (graph.depth.get(a.id) ?? Infinity) - (graph.depth.get(b.id) ?? Infinity))[0];

const placeBetween = (graph: FlowGraph, from: FlowNode, to: FlowNode, block: Block): Placement => {
  const direct = graph.outgoing(from.id).filter((edge) => edge.target === to.id);
  if (direct.length > 0) return { retarget: direct, next: to.id, ...frameOf(graph, direct[0]!) };
  const onTheWay = outcomeEdge(graph, from.id);
  if (onTheWay?.target === to.id) return { retarget: [onTheWay], next: to.id };
  return unclear(`${quoted(from.title)} does not lead to ${quoted(to.title)}. Where should ${quoted(block.title)} go?`);
};

/** A verification the flow already has is not added twice; nor is a screen with the same title. */
const refuseDuplicate = (doc: FlowDocument, block: Block): void => {
  const marks: Record<string, string[]> = { 'two-factor': ['twofactor'], 'email-code': ['verify', 'email'], 'phone-code': ['phone'] };
  const needed = marks[block.kind];
  const titles = [...doc.nodes.map((node) => node.title), ...doc.frames.map((frame) => frame.title)];
  const existing = needed
    ? titles.find((title) => needed.every((word) => wordsOf(title).includes(word)))
    : doc.nodes.find((node) => node.title.toLowerCase() === block.title.toLowerCase())?.title;
  if (existing !== undefined) unclear(`The flow already has ${quoted(existing)}. Should I add another one, or change that one?`);
};

const insert = (draft: Draft, block: Block, placement: Placement): void => {
  if (block.title === '') unclear('What should the new screen be called, and after which step should it go?');
  const graph = graphOf(draft.doc);
  const { operations } = insertBlock(draft.doc, block, placement);
  const sources = [...new Set(placement.retarget.map((edge) => quoted(graph.node(edge.source)?.title ?? edge.source)))];
  const what =
    block.kind === 'screen' || block.kind === 'popup'
      ? `a ${block.kind} ${quoted(block.title)}`
      : `a ${block.kind.replace('-', ' ')} step ${quoted(block.title)}`;
  addStep(
    draft,
    `Add ${what} between ${sources.join(' and ')} and ${quoted(graph.node(placement.next)?.title ?? placement.next)}.`,
    operations,
  );
};

const execute = (draft: Draft, command: Command, focus: readonly string[]): void => {
  const doc = draft.doc;
  switch (command.type) {
    case 'rename-to':
      return rename(draft, resolveTarget(doc, command.target, focus), command.name);
    case 'rename': {
      const best = bestSplit(doc, command.rest, /\s+(?:to|as|into)\s+/gi, focus);
      if (best === undefined) return unclear(`What should be renamed, and to what? For example “rename Cart to Basket”.`);
      return rename(draft, resolveTarget(doc, best.left, focus), best.right);
    }
    case 'remove':
      return remove(draft, resolveTarget(doc, command.target, focus));
    case 'connect': {
      const best = bestSplit(doc, command.rest, command.joiner, focus, ['node']);
      if (best === undefined) return unclear(`Which two steps should be connected? For example “connect Cart to Shipping”.`);
      return connect(draft, resolveNode(doc, best.left, focus), resolveNode(doc, best.right, focus));
    }
    case 'group':
      return group(draft, command.members, command.name, focus);
    case 'states':
      return statesStep(draft, command.states, command.target, focus);
    case 'confirm':
      return confirmStep(draft, command.target, focus);
    case 'insert-after':
    case 'insert-before': {
      const block = blockOf(command.what);
      refuseDuplicate(doc, block);
      const target = resolveTarget(doc, command.anchor, focus);
      const graph = graphOf(doc);
      return insert(draft, block, command.type === 'insert-after' ? placeAfter(graph, target, block) : placeBefore(graph, target, block));
    }
    case 'insert-between': {
      const block = blockOf(command.what);
      refuseDuplicate(doc, block);
      const best = bestSplit(doc, command.rest, /\s+and\s+/gi, focus, ['node']);
      if (best === undefined) return unclear(`Between which two steps should ${quoted(block.title)} go?`);
      return insert(
        draft,
        block,
        placeBetween(graphOf(doc), resolveNode(doc, best.left, focus), resolveNode(doc, best.right, focus), block),
      );
    }
    case 'insert': {
      const block = blockOf(command.what);
      if (block.title === '') unclear('What should the new screen be called, and after which step should it go?');
      refuseDuplicate(doc, block);
      const [first] = focus.flatMap((id) => doc.nodes.filter((node) => node.id === id));
      if (first === undefined)
        unclear(
          `Where should ${quoted(block.title)} go? Say after or before which step (“add ${block.title} after …”), or select a step first.`,
        );
      const graph = graphOf(doc);
      return insert(draft, block, placeAfter(graph, { kind: 'node', node: first! }, block));
    }
  }
};

const describeFailure = (error: DomainError): string => {
  const failures = (error.extensions.failures ?? []) as { rule: string; detail: string }[];
  return failures.map((failure) => failure.detail).join(' ') || error.message;
};

/**
 * The plan for an edit instruction: its steps, each applied to a copy of `doc`. @throws Unclear with the
 * question to ask back when a name is ambiguous or unknown, the instruction is not understood, or the
 * result would break a flow rule or the UX lint.
 */
export const planEdit = (doc: FlowDocument, message: string, focus: readonly string[]): Draft => {
  const { commands, unknown } = parseInstruction(message);
  if (commands.length === 0 || unknown.length > 0) {
    const part = unknown[0] ?? message;
    unclear(`I did not understand “${part.trim()}”. I can carry out instructions such as ${examples}. What should change?`);
  }
  const draft = startDraft(doc);
  for (const command of commands) {
    try {
      execute(draft, command, focus);
    } catch (error) {
      if (error instanceof Unclear || !isDomainError(error)) throw error;
      unclear(`That change would not apply cleanly (${describeFailure(error)}). Could you say it another way?`);
    }
  }
  const broken = newErrors(doc, draft.doc);
  if (broken.length > 0)
    unclear(`Carried out literally, this would leave the flow with problems (${broken.join('; ')}). Could you say how it should continue?`);
  return draft;
};
