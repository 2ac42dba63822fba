import { applyOperations, type FlowDocument } from '../../flows/index.ts';
import { checkContext, type DraftOperation, unclear } from './draft.ts';
import { graphOf, mainEnd, reachable } from './flow-graph.ts';
import { quoted } from './words.ts';

/*
 * Removing steps without breaking the flow: the edges that led into them lead on to where they led
 * (so no screen is left without a way out), the steps that only they led to go with them (api calls,
 * checks and error popups of their own), and a frame left empty goes too.
 */

const isBranching = (type: string | undefined) => type === 'decision' || type === 'condition';

/** Where the removed steps led on to: the exit on the shortest way to the flow's main end. */
const continuation = (doc: FlowDocument, removed: Set<string>): string | undefined => {
  const graph = graphOf(doc);
  const exits = doc.edges.filter((edge) => removed.has(edge.source) && !removed.has(edge.target));
  const end = mainEnd(graph);
  if (end === undefined || removed.has(end.id))
    return exits[0]?.target ?? doc.nodes.find((node) => node.type === 'end' && !removed.has(node.id))?.id;
  const toEnd = new Map([[end.id, 0]]);
  const queue = [end.id];
  for (let index = 0; index < queue.length; index++) {
    const id = queue[index]!;
    for (const edge of graph.incoming(id)) {
      if (toEnd.has(edge.source) || removed.has(edge.source)) continue;
      toEnd.set(edge.source, toEnd.get(id)! + 1);
      queue.push(edge.source);
    }
  }
  const ranked = [...exits].sort((a, b) => (toEnd.get(a.target) ?? Infinity) - (toEnd.get(b.target) ?? Infinity));
  return ranked[0]?.target;
};

/** The operations that remove `ids` (and what only they led to), and every node and frame that goes. */
export const removeNodes = (
  doc: FlowDocument,
  ids: readonly string[],
  frameIds: readonly string[] = [],
): { operations: DraftOperation[]; removed: string[]; removedFrames: string[] } => {
  const removed = new Set(ids);
  const titleOf = (id: string) => doc.nodes.find((node) => node.id === id)?.title ?? id;
  for (const id of removed)
    if (doc.nodes.find((node) => node.id === id)?.type === 'start')
      unclear(`The start of the flow cannot be removed. Did you mean another step?`);
  const next = continuation(doc, removed);
  const typeOf = (id: string) => doc.nodes.find((node) => node.id === id)?.type;
  const operations: DraftOperation[] = [];
  const kept = new Set(
    doc.edges.filter((edge) => !removed.has(edge.source) && !removed.has(edge.target)).map((edge) => `${edge.source}>${edge.target}`),
  );
  for (const edge of doc.edges.filter((found) => !removed.has(found.source) && removed.has(found.target))) {
    if (next === undefined || next === edge.source) continue;
    if (!isBranching(typeOf(edge.source)) && kept.has(`${edge.source}>${next}`)) continue;
    kept.add(`${edge.source}>${next}`);
    operations.push({
      operation: { type: 'UPDATE_EDGE', id: edge.id, changes: { target: next } },
      rationale: `${quoted(titleOf(edge.source))} now leads straight to ${quoted(titleOf(next))}, so it keeps its way forward.`,
    });
  }
  for (const id of removed)
    operations.push({ operation: { type: 'DELETE_NODE', id }, rationale: `Remove ${quoted(titleOf(id))}, as asked.` });

  // What only the removed steps led to is unreachable now: it goes too (its own checks and error popups).
  const before = reachable(doc);
  const after = reachable(
    applyOperations(
      doc,
      operations.map((entry) => entry.operation),
      checkContext(),
    ).document,
  );
  const orphans = doc.nodes.filter((node) => before.has(node.id) && !after.has(node.id) && !removed.has(node.id) && node.type !== 'note');
  for (const node of orphans) {
    removed.add(node.id);
    operations.push({
      operation: { type: 'DELETE_NODE', id: node.id },
      rationale: `${quoted(node.title)} was only reached through what is removed.`,
    });
  }
  const frames = doc.frames.filter(
    (frame) => frameIds.includes(frame.id) || (frame.nodeIds.length > 0 && frame.nodeIds.every((id) => removed.has(id))),
  );
  for (const frame of frames) {
    operations.push({
      operation: { type: 'DELETE_FRAME', id: frame.id },
      rationale: `The frame ${quoted(frame.title)} has nothing left in it.`,
    });
  }
  return { operations, removed: [...removed], removedFrames: frames.map((frame) => frame.id) };
};
