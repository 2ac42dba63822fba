/*
 * Plain edit instructions as commands. The grammar is small on purpose: what users type to diagram
 * tools ("add X after Y", "rename A to B", "remove C", "connect A to B", "group … into a frame",
 * "add a loading state to D", "add a confirmation before E"); anything else is a question back.
 * Names are kept as typed: resolving them against the flow is resolve.ts's job.
 */

export type DataState = 'loading' | 'empty' | 'error' | 'success';

export type Command =
  | { type: 'rename'; rest: string }
  | { type: 'rename-to'; target: string; name: string }
  | { type: 'remove'; target: string }
  | { type: 'connect'; rest: string; joiner: RegExp }
  | { type: 'group'; members: string; name?: string }
  | { type: 'states'; states: DataState[]; target?: string }
  | { type: 'confirm'; target: string }
  | { type: 'insert'; what: string; relation: 'after' | 'before' | 'none' }
  | { type: 'insert-after'; what: string; anchor: string }
  | { type: 'insert-before'; what: string; anchor: string }
  | { type: 'insert-between'; what: string; rest: string };

const verbs = 'add|insert|remove|delete|drop|rename|retitle|connect|link|group|put|ask|call|make|include|create|place|wrap';
const clauseBreak = new RegExp(
  `(?:[.;]\\s+|\\s+(?:and then|then|and also|also|and)\\s+|,\\s*(?:and\\s+)?(?:then\\s+)?)(?=(?:${verbs})\\b)`,
  'i',
);
const politeness =
  /^(?:(?:ok(?:ay)?|so|now|also|and|then|please|pls|kindly)[,\s]+|(?:can|could|would|will) you(?: please)?\s+|i(?:'d| would) like (?:you )?to\s+|i (?:want|need) (?:you )?to\s+|let'?s\s+|we (?:need|want|should) to\s+|make sure to\s+)/i;

const statePattern = /\b(loading|empty|error|success|data)\b/gi;

const statesIn = (text: string): DataState[] => {
  const found = new Set<DataState>();
  for (const [word] of text.matchAll(statePattern)) {
    const state = word.toLowerCase();
    if (state === 'data') ['loading', 'empty', 'error'].forEach((each) => found.add(each as DataState));
    else found.add(state as DataState);
  }
  return [...found];
};

const stateList =
  '(?:an?\\s+)?((?:(?:loading|empty|error|success|data|all)(?:\\s*(?:,|and|&|/|or)\\s*)?)+)\\s*(?:states?|variants?|paths?|views?|screens?)?';

type Rule = [RegExp, (found: RegExpExecArray) => Command];

const rules: Rule[] = [
  [/^(?:call|name)\s+(it|this|that|them)\s+(.+)$/i, (m) => ({ type: 'rename-to', target: m[1]!, name: m[2]! })],
  [/^(?:rename|retitle|relabel)\s+(.+)$/i, (m) => ({ type: 'rename', rest: m[1]! })],
  [/^(?:change|set) the (?:title|name|label) of\s+(.+)$/i, (m) => ({ type: 'rename', rest: m[1]! })],
  [
    new RegExp(`^(?:add|include|design|create|give)\\s+${stateList}\\s+(?:to|for|on|in)\\s+(.+)$`, 'i'),
    (m) => ({ type: 'states', states: statesIn(m[1]!), target: m[2]! }),
  ],
  [new RegExp(`^(?:add|include|design|create)\\s+${stateList}$`, 'i'), (m) => ({ type: 'states', states: statesIn(m[1]!) })],
  [new RegExp(`^give\\s+(.+?)\\s+${stateList}$`, 'i'), (m) => ({ type: 'states', states: statesIn(m[2]!), target: m[1]! })],
  [
    new RegExp(`^(.+?)\\s+(?:needs?|should have|lacks|is missing)\\s+${stateList}$`, 'i'),
    (m) => ({ type: 'states', states: statesIn(m[2]!), target: m[1]! }),
  ],
  [
    /^(?:add|ask for|require|insert|show|put|include)\s+(?:an?\s+)?(?:confirmation|confirm)(?:\s+(?:step|dialog|popup|screen|prompt|message))?\s+(?:before|when|prior to|on|for)\s+(.+)$/i,
    (m) => ({ type: 'confirm', target: m[1]! }),
  ],
  [
    /^(?:ask (?:the user )?(?:to confirm|for (?:a )?confirmation)|confirm)\s+(?:before|when|prior to)\s+(.+)$/i,
    (m) => ({ type: 'confirm', target: m[1]! }),
  ],
  [/^(?:remove|delete|drop|get rid of|take out|cut)\s+(.+)$/i, (m) => ({ type: 'remove', target: m[1]! })],
  [
    /^(?:add|draw|create|insert)\s+an?\s+(?:edge|link|arrow|connection|transition|path)\s+from\s+(.+)$/i,
    (m) => ({ type: 'connect', rest: m[1]!, joiner: /\s+to\s+/gi }),
  ],
  [
    /^(?:connect|link|join|wire(?: up)?)\s+(.+)$/i,
    (m) => ({ type: 'connect', rest: m[1]!, joiner: /\s+(?:back\s+)?(?:to|with|and)\s+/gi }),
  ],
  [
    /^(?:make|let)\s+(.+?\s+(?:lead|go|link|point)s?\s+to\s+.+)$/i,
    (m) => ({ type: 'connect', rest: m[1]!, joiner: /\s+(?:lead|go|link|point)s?\s+to\s+/gi }),
  ],
  [
    /^(.+?\s+should (?:lead|go|link|point) to\s+.+)$/i,
    (m) => ({ type: 'connect', rest: m[1]!, joiner: /\s+should (?:lead|go|link|point) to\s+/gi }),
  ],
  [
    /^(?:group|put|place|wrap|move)\s+(.+?)\s+(?:in|into|inside|under)\s+(?:a|one|the same|its own|their own)?\s*(?:new\s+)?(?:frame|group|section|box)(?:\s*,?\s*(?:called|named|titled)\s+(.+))?$/i,
    (m) => ({ type: 'group', members: m[1]!, ...(m[2] ? { name: m[2] } : {}) }),
  ],
  [
    /^group\s+(.+?)(?:\s+(?:as|called|named|titled)\s+(.+))?$/i,
    (m) => ({ type: 'group', members: m[1]!, ...(m[2] ? { name: m[2] } : {}) }),
  ],
  [/^(?:add|insert|put|create|place)\s+(.+?)\s+between\s+(.+)$/i, (m) => ({ type: 'insert-between', what: m[1]!, rest: m[2]! })],
  [
    /^(?:add|insert|put|create|place)\s+(.+?)\s+(?:right |just |directly )?(?:after|following|behind)\s+(.+)$/i,
    (m) => ({ type: 'insert-after', what: m[1]!, anchor: m[2]! }),
  ],
  [
    /^(?:add|insert|put|create|place)\s+(.+?)\s+(?:right |just |directly )?(?:before|ahead of|in front of|prior to)\s+(.+)$/i,
    (m) => ({ type: 'insert-before', what: m[1]!, anchor: m[2]! }),
  ],
  [/^(?:add|insert|put|create|place)\s+(.+?)\s+here$/i, (m) => ({ type: 'insert', what: m[1]!, relation: 'after' })],
  [/^(?:add|insert|create)\s+(.+)$/i, (m) => ({ type: 'insert', what: m[1]!, relation: 'none' })],
];

/** One clause as a command, or null when it is not an instruction the planner knows. */
export const parseClause = (clause: string): Command | null => {
  let text = clause
    .trim()
    .replace(/[.!]+$/, '')
    .trim();
  for (let before = ''; before !== text;) {
    before = text;
    text = text.replace(politeness, '').trim();
  }
  text = text.replace(/\?$/, '').trim();
  for (const [pattern, build] of rules) {
    const found = pattern.exec(text);
    if (found) return build(found);
  }
  return null;
};

/** The commands of a message, in order; empty when none is recognised. One unrecognised clause makes the whole message unclear. */
export const parseInstruction = (message: string): { commands: Command[]; unknown: string[] } => {
  const clauses = message
    .split(clauseBreak)
    .map((clause) => clause.trim())
    .filter((clause) => clause !== '');
  const commands: Command[] = [];
  const unknown: string[] = [];
  for (const clause of clauses) {
    const command = parseClause(clause);
    if (command) commands.push(command);
    else unknown.push(clause);
  }
  return { commands, unknown };
};

/** Every way to cut `text` in two at `joiner` ("A to B to C" → ["A", "B to C"], ["A to B", "C"]). */
export const splits = (text: string, joiner: RegExp): [string, string][] => {
  const cuts: [string, string][] = [];
  for (const found of text.matchAll(new RegExp(joiner.source, 'gi'))) {
    const left = text.slice(0, found.index).trim();
    const right = text.slice(found.index + found[0].length).trim();
    if (left !== '' && right !== '') cuts.push([left, right]);
  }
  return cuts;
};
