/** `left` for text, `right` for figures. */
export type Align = 'left' | 'right';

export interface TableColumn<T> {
  heading: string;
  align: Align;
  cell: (row: T) => string;
}

const escapeCell = (text: string) => text.replaceAll('|', '\\|');

/** A GitHub-flavoured Markdown table, padded the way Prettier pads one, so pasted output stays stable. */
export const markdownTable = <T>(rows: readonly T[], columns: readonly TableColumn<T>[]): string => {
  const cells = rows.map((row) => columns.map((column) => escapeCell(column.cell(row))));
  const widths = columns.map((column, index) => Math.max(3, column.heading.length, ...cells.map((line) => line[index]!.length)));
  const pad = (text: string, index: number) =>
    columns[index]!.align === 'right' ? text.padStart(widths[index]!) : text.padEnd(widths[index]!);
  const line = (texts: readonly string[]) => `| ${texts.map(pad).join(' | ')} |`;
  const rule = `| ${columns.map((column, index) => (column.align === 'right' ? `${'-'.repeat(widths[index]! - 1)}:` : '-'.repeat(widths[index]!))).join(' | ')} |`;
  return [line(columns.map((column) => escapeCell(column.heading))), rule, ...cells.map(line)].join('\n');
};
