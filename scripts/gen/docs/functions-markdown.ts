import type { NamedFunction } from '../../../shared/platform/definition/identity.ts';
import { functionRow, type Column, type FunctionRow } from '../function-rows.ts';
import { generatedNotice, type GeneratedFile } from '../generated-file.ts';

const columns: readonly Column[] = [
  { heading: 'function', field: 'name' },
  { heading: 'kind', field: 'kind' },
  { heading: 'trigger', field: 'trigger' },
  { heading: 'access / permission', field: 'permission' },
  { heading: 'tier', field: 'tier' },
  { heading: 'team', field: 'team' },
  { heading: 'cost-center', field: 'costCenter' },
  { heading: 'spot', field: 'spot' },
  { heading: 'scale min/max/target', field: 'scaling' },
  { heading: 'personal data', field: 'personalData' },
];

/** Names and triggers go in code spans (a cron expression is full of `*`); pipes are escaped either way. */
const cell = (row: FunctionRow, field: keyof FunctionRow) => {
  const text = row[field].replaceAll('|', '\\|');
  return field === 'name' || field === 'trigger' ? `\`${text}\`` : text;
};

const tableLine = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

/** docs/functions.md: every function with its trigger, access, cost tags, scheduling and privacy. */
export const renderFunctionsMarkdown = (definitions: readonly NamedFunction[]): GeneratedFile => {
  const rows = definitions.map(functionRow);
  const lines = [
    `<!-- ${generatedNotice} -->`,
    '# Functions',
    '',
    `${rows.length} functions. Scale is Knative min-scale / max-scale / concurrency target; spot is the node scheduling preference.`,
    '',
    tableLine(columns.map((c) => c.heading)),
    tableLine(columns.map(() => '---')),
    ...rows.map((row) => tableLine(columns.map((c) => cell(row, c.field)))),
  ];
  return { path: 'docs/functions.md', content: `${lines.join('\n')}\n` };
};
