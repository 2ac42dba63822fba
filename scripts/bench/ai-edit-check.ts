import { isDeepStrictEqual } from 'node:util';
import type { FlowDocument, FlowNode } from '../../shared/flows/index.ts';
import { visibleTransitions } from '../../shared/ai/offline/index.ts';
import { type EditCase, nameMatch } from './ai-figures.ts';

/*
 * "Carried out exactly" for one edit instruction: every expectation of the fixture holds, and nothing
 * else changed — no other node removed, added or altered (positions and sizes aside: the layout's),
 * no frame lost or renamed, no edge between untouched steps changed.
 */

type Expect = EditCase['expect'];

/** The node without what the layout and frame moves change. */
const withoutLayout = (node: FlowNode): Partial<FlowNode> => {
  const copy: Partial<FlowNode> = { ...node };
  delete copy.position;
  delete copy.size;
  delete copy.frameId;
  return copy;
};

/** What the outcome failed, empty when it is exactly what the fixture expects. */
export const editFailures = (base: FlowDocument, expect: Expect, outcome: { question: string } | { document: FlowDocument }): string[] => {
  if (expect.clarify === true) return 'question' in outcome ? [] : ['expected a clarifying question, got a proposal'];
  if ('question' in outcome) return [`asked instead: ${outcome.question}`];
  const doc = outcome.document;
  const failures: string[] = [];
  const before = new Map(base.nodes.map((node) => [node.id, node]));
  const after = new Map(doc.nodes.map((node) => [node.id, node]));
  const removed = new Set(expect.removed ?? []);

  // Added visible nodes: exactly the expected ones, matched by type and title.
  const added = doc.nodes.filter((node) => !before.has(node.id));
  const addedShown = added.filter((node) => node.type === 'screen' || node.type === 'popup');
  const refs = new Map<string, string>();
  for (const wanted of expect.added ?? []) {
    const found = addedShown.find((node) => node.type === wanted.type && !refs.has(node.id) && nameMatch(wanted.title, node.title) >= 0.5);
    if (found) refs.set(wanted.ref, found.id);
    else failures.push(`no new ${wanted.type} named like “${wanted.title}”`);
  }
  if (addedShown.length !== (expect.added ?? []).length)
    failures.push(`${addedShown.length} new screens or popups, expected ${(expect.added ?? []).length}`);
  if ((expect.added ?? []).length === 0 && added.length > 0)
    failures.push(`unexpected new nodes ${added.map((node) => node.id).join(', ')}`);
  const id = (ref: string) => (ref.startsWith('@') ? (refs.get(ref.slice(1)) ?? ref) : ref);

  for (const gone of removed) if (after.has(gone)) failures.push(`${gone} was not removed`);
  for (const [nodeId, node] of before)
    if (!removed.has(nodeId) && !after.has(nodeId)) failures.push(`${nodeId} was removed (${node.title})`);
  for (const [nodeId, title] of Object.entries(expect.renamed ?? {})) {
    if (after.get(nodeId)?.title !== title) failures.push(`${nodeId} is “${after.get(nodeId)?.title}”, expected “${title}”`);
  }
  for (const [nodeId, types] of Object.entries(expect.variants ?? {})) {
    const has = (after.get(nodeId)?.uiMetadata?.variants ?? []).map((variant) => variant.type as string);
    for (const type of types) if (!has.includes(type)) failures.push(`${nodeId} has no ${type} variant`);
  }
  for (const [from, to] of expect.edges ?? []) {
    if (!doc.edges.some((edge) => edge.source === id(from) && edge.target === id(to))) failures.push(`no edge ${from} → ${to}`);
  }
  const transitions = new Set(visibleTransitions(doc).edges.map(([from, to]) => `${from}>${to}`));
  const hidden = new Set(doc.nodes.filter((node) => !['screen', 'popup', 'start', 'end'].includes(node.type)).map((node) => node.id));
  for (const [from, to] of expect.paths ?? []) {
    const direct = doc.edges.some((edge) => edge.source === id(from) && edge.target === id(to));
    if (!direct && !transitions.has(`${id(from)}>${id(to)}`) && !pathThroughHidden(doc, id(from), id(to), hidden))
      failures.push(`no path ${from} → ${to}`);
  }
  for (const frame of expect.frames ?? []) {
    const found = doc.frames.find((candidate) => candidate.title.toLowerCase() === frame.title.toLowerCase());
    if (!found) failures.push(`no frame “${frame.title}”`);
    else if (!isDeepStrictEqual([...found.nodeIds].sort(), [...frame.nodeIds].sort()))
      failures.push(`frame “${frame.title}” holds ${found.nodeIds.join(', ')}`);
  }

  // Nothing else changed.
  const allowed = new Set([...Object.keys(expect.renamed ?? {}), ...Object.keys(expect.variants ?? {}), ...(expect.changed ?? [])]);
  for (const [nodeId, node] of before) {
    const now = after.get(nodeId);
    if (now && !allowed.has(nodeId) && !isDeepStrictEqual(withoutLayout(now), withoutLayout(node))) failures.push(`${nodeId} changed`);
  }
  const removedFrames = new Set(expect.removedFrames ?? []);
  for (const frame of base.frames) {
    const now = doc.frames.find((candidate) => candidate.id === frame.id);
    if (removedFrames.has(frame.id)) {
      if (now) failures.push(`frame ${frame.id} was not removed`);
    } else if (!now) failures.push(`frame ${frame.id} was removed`);
    else if (now.title !== (expect.renamedFrames?.[frame.id] ?? frame.title)) failures.push(`frame ${frame.id} is “${now.title}”`);
  }
  const newIds = new Set(added.map((node) => node.id));
  for (const edge of base.edges) {
    const now = doc.edges.find((candidate) => candidate.id === edge.id);
    const touchedRemoved = removed.has(edge.source) || removed.has(edge.target);
    if (!now) {
      if (!touchedRemoved) failures.push(`edge ${edge.id} was removed`);
    } else if (!isDeepStrictEqual(now, edge) && !touchedRemoved && !newIds.has(now.target) && !newIds.has(now.source)) {
      failures.push(`edge ${edge.id} changed`);
    }
  }
  return failures;
};

const pathThroughHidden = (doc: FlowDocument, from: string, to: string, hidden: Set<string>): boolean => {
  const queue = [from];
  const seen = new Set(queue);
  for (let index = 0; index < queue.length; index++) {
    for (const edge of doc.edges.filter((found) => found.source === queue[index])) {
      if (edge.target === to) return true;
      if (hidden.has(edge.target) && !seen.has(edge.target)) {
        seen.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  return false;
};
