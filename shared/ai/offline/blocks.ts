import type { FlowDocument, FlowEdge, FlowNode } from '../../flows/index.ts';
import { type DraftOperation, freshId } from './draft.ts';
import { idFromTitle, titleFrom } from './words.ts';

/*
 * The steps an edit can insert: a plain screen or popup, or a known block (a two-factor check, an
 * e-mail or phone code, a CAPTCHA, the terms). Each block is drawn so that the UX lint passes: a form
 * has a way back when its check fails, a check has two labelled exits, every screen has a way out.
 */

export type BlockKind = 'screen' | 'popup' | 'two-factor' | 'email-code' | 'phone-code' | 'captcha' | 'terms';

export interface Block {
  kind: BlockKind;
  title: string;
}

/** Where a block goes: the edges that now lead into it, and the step it leads on to. */
export interface Placement {
  retarget: readonly FlowEdge[];
  next: string;
  /** The frame the new nodes join (their neighbours' frame). */
  frameId?: string;
}

const recognisers: [BlockKind, RegExp, string | null][] = [
  [
    'two-factor',
    /\b(?:2fa|mfa|otp|totp|two[\s-]?factor|2[\s-]?step|one[\s-]time (?:code|password)|authenticator)\b/i,
    'Enter your two-factor code',
  ],
  ['email-code', /\b(?:e-?mail|address) (?:verification|confirmation|code)\b|\bverif(?:y|ication)\b.*\be-?mail\b/i, 'Check your inbox'],
  ['phone-code', /\b(?:phone|sms|text message)\b/i, 'Enter the code we texted you'],
  ['captcha', /\b(?:re)?captcha\b|\b(?:human|bot) check\b/i, null],
  ['terms', /\bterms\b|\bprivacy policy\b|\bconsent\b/i, null],
];

const articles = /^(?:an?|the|one|new|another|extra)\s+/i;
const kindWords = /\s+(?:screen|step|page|view|popup|dialog|modal)$/i;

/** The block a phrase names: "a 2FA step", "an order review screen", "a \"Help\" popup". */
export const blockOf = (phrase: string): Block => {
  let words = phrase.trim().replace(/^["“]|["”]$/g, '');
  for (let before = ''; before !== words;) {
    before = words;
    words = words.replace(articles, '').replace(kindWords, '').trim();
  }
  // "a screen": the kind alone names nothing.
  const title = /^(?:screen|step|page|view|popup|dialog|modal)$/i.test(words) ? '' : titleFrom(words.replace(/^["“']|["”']$/g, ''));
  for (const [kind, pattern, fixed] of recognisers) if (pattern.test(phrase)) return { kind, title: fixed ?? title };
  return { kind: /\b(?:popup|dialog|modal)\b/i.test(phrase) ? 'popup' : 'screen', title };
};

const at = { x: 0, y: 0 };

const screenNode = (
  id: string,
  title: string,
  elements: { id: string; type: string; label: string }[],
  frameId?: string,
  popup = false,
): FlowNode => ({
  id,
  type: popup ? 'popup' : 'screen',
  title,
  position: at,
  data: { elements },
  ...(frameId ? { frameId } : {}),
});

/** Retargets the placement's edges to `entry`. */
const retarget = (placement: Placement, entry: string, title: string): DraftOperation[] =>
  placement.retarget.map((edge) => ({
    operation: { type: 'UPDATE_EDGE', id: edge.id, changes: { target: entry } },
    rationale: `Lead into “${title}” where this edge went on before.`,
  }));

/** A screen with a code field checked by an api call: back to the screen when the code is refused. */
const codeCheck = (doc: FlowDocument, block: Block, placement: Placement, url: string): DraftOperation[] => {
  const id = freshId(doc, idFromTitle(block.kind.replace('-', '_')));
  const callId = freshId(doc, `${id}_check`, [id]);
  const okId = freshId(doc, `${id}_ok`, [id, callId]);
  const edge = (suffix: string) => freshId(doc, `${id}_${suffix}`, [id, callId, okId]);
  const label = block.kind === 'two-factor' ? 'Authentication code' : 'Verification code';
  return [
    {
      operation: {
        type: 'ADD_NODE',
        node: screenNode(
          id,
          block.title,
          [
            { id: `${id}_code`, type: 'input', label },
            { id: `${id}_verify`, type: 'button', label: 'Verify' },
          ],
          placement.frameId,
        ),
      },
      rationale: `The screen where the user types the ${label.toLowerCase()}.`,
    },
    {
      operation: {
        type: 'ADD_NODE',
        node: { id: callId, type: 'api-call', title: 'Check the code', position: at, data: { method: 'POST', url } },
      },
      rationale: 'The server checks the code.',
    },
    {
      operation: {
        type: 'ADD_NODE',
        node: { id: okId, type: 'decision', title: 'Code accepted?', position: at, data: { condition: 'response.ok' } },
      },
      rationale: 'Accepted or refused: two labelled exits.',
    },
    ...retarget(placement, id, block.title),
    {
      operation: { type: 'ADD_EDGE', edge: { id: edge('submit'), source: id, target: callId, trigger: `onClick(${id}_verify)` } },
      rationale: 'Verify sends the code.',
    },
    {
      operation: { type: 'ADD_EDGE', edge: { id: edge('checked'), source: callId, target: okId, trigger: 'onSuccess' } },
      rationale: 'The answer decides.',
    },
    {
      operation: { type: 'ADD_EDGE', edge: { id: edge('accepted'), source: okId, target: placement.next, trigger: 'if_true' } },
      rationale: 'An accepted code continues where the flow went on before.',
    },
    {
      operation: {
        type: 'ADD_EDGE',
        edge: { id: edge('refused'), source: okId, target: id, trigger: 'if_false', label: 'Show “code not valid”' },
      },
      rationale: 'A refused code returns to the screen with an error, so the form has its validation path.',
    },
  ];
};

const codeUrls: Partial<Record<BlockKind, string>> = {
  'two-factor': '/api/auth/mfa/verify',
  'email-code': '/api/auth/verify-email',
  'phone-code': '/api/auth/verify-phone',
};

/** The operations that insert `block` at `placement`, and the ids of the new visible nodes. */
export const insertBlock = (doc: FlowDocument, block: Block, placement: Placement): { operations: DraftOperation[]; visible: string } => {
  const url = codeUrls[block.kind];
  if (url !== undefined) {
    const operations = codeCheck(doc, block, placement, url);
    const first = operations[0]!.operation;
    return { operations, visible: first.type === 'ADD_NODE' ? first.node.id : '' };
  }
  const id = freshId(doc, idFromTitle(block.title));
  const elements =
    block.kind === 'terms'
      ? [{ id: `${id}_accept`, type: 'checkbox', label: 'I accept the terms' }]
      : block.kind === 'captcha'
        ? [{ id: `${id}_widget`, type: 'captcha', label: 'CAPTCHA' }]
        : [];
  const continueId = `${id}_continue`;
  elements.push({ id: continueId, type: 'button', label: 'Continue' });
  return {
    visible: id,
    operations: [
      {
        operation: { type: 'ADD_NODE', node: screenNode(id, block.title, elements, placement.frameId, block.kind === 'popup') },
        rationale: `The new ${block.kind === 'popup' ? 'popup' : 'screen'} “${block.title}”.`,
      },
      ...retarget(placement, id, block.title),
      {
        operation: {
          type: 'ADD_EDGE',
          edge: { id: freshId(doc, `${id}_next`, [id]), source: id, target: placement.next, trigger: `onClick(${continueId})` },
        },
        rationale: `Continue leads on from “${block.title}”, so it is no dead end.`,
      },
    ],
  };
};

/** A confirmation popup on `edges` (which lead to `target`): confirm goes on, keep goes back to `keep`. */
export const confirmation = (
  doc: FlowDocument,
  action: string,
  edges: readonly FlowEdge[],
  target: string,
  keep: string,
  frameId?: string,
): DraftOperation[] => {
  const title = `${titleFrom(action).slice(0, 80)}: are you sure?`;
  const id = freshId(doc, `${idFromTitle(action)}_confirm`);
  const edge = (suffix: string) => freshId(doc, `${id}_${suffix}`, [id]);
  return [
    {
      operation: {
        type: 'ADD_NODE',
        node: screenNode(
          id,
          title,
          [
            { id: `${id}_yes`, type: 'button', label: 'Confirm' },
            { id: `${id}_no`, type: 'button', label: 'Keep it' },
          ],
          frameId,
          true,
        ),
      },
      rationale: `Ask before “${action}”: it cannot be taken back.`,
    },
    ...edges.map((found): DraftOperation => ({
      operation: { type: 'UPDATE_EDGE', id: found.id, changes: { target: id } },
      rationale: `Open the confirmation instead of going straight to “${action}”.`,
    })),
    {
      operation: { type: 'ADD_EDGE', edge: { id: edge('yes'), source: id, target, trigger: `onClick(${id}_yes)` } },
      rationale: 'Confirm carries the action out.',
    },
    {
      operation: { type: 'ADD_EDGE', edge: { id: edge('no'), source: id, target: keep, trigger: `onClick(${id}_no)` } },
      rationale: 'Keep it goes back without doing anything.',
    },
  ];
};
