import type { FlowNode } from '../../flows/index.ts';
import { compactFlow, type AgentContext } from '../agents.ts';
import { fenced, passagesBlock, promptTags } from '../prompts/index.ts';

/** Material between tags, fenced so that nothing inside can close a tag of the prompt. */
export const block = (tag: string, content: string, attributes = ''): string =>
  `<${tag}${attributes}>\n${fenced(promptTags, content)}\n</${tag}>`;

/** A focused node in full, less what agents may not set (position, size, style). */
const inFull = ({ position: _p, size: _s, style: _st, ...node }: FlowNode) => node;

/**
 * What every agent is told about the conversation: the flow compactly (ids, types, titles, edges,
 * frames; no styles, no positions), the focused nodes in full, the numbered passages (already
 * screened; cited `[n]`) and the user's message (screened too).
 */
export const contextBlocks = (context: AgentContext): string[] => {
  const focus = context.flow.nodes.filter((node) => context.focusNodeIds.includes(node.id)).map(inFull);
  const passages = context.passages.map((passage, index) => ({ citation: index + 1, title: passage.title, text: passage.text }));
  return [
    block('flow', JSON.stringify(compactFlow(context.flow))),
    ...(focus.length > 0 ? [block('focus', JSON.stringify(focus))] : []),
    ...(passages.length > 0 ? [`<passages>\n${passagesBlock(passages)}\n</passages>`] : []),
    block('message', context.message, ` id="${context.messageId.replace(/[^A-Za-z0-9_-]/g, '')}"`),
  ];
};
