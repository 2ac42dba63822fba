import type { Column, FunctionRow } from './function-rows.ts';

/** Rows as a plain-text table: a heading line, then one line per row, columns padded to fit. */
export const formatTextTable = (rows: readonly FunctionRow[], columns: readonly Column[]): string => {
  const lines = [columns.map((c) => c.heading), ...rows.map((row) => columns.map((c) => row[c.field]))];
  const widths = columns.map((_, index) => Math.max(...lines.map((cells) => cells[index]?.length ?? 0)));
  return lines
    .map((cells) =>
      cells
        .map((cell, index) => cell.padEnd(widths[index] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
};

/** The fields of `row` that `columns` show, keyed by field name (the JSON form of a table row). */
export const pickColumns = (row: FunctionRow, columns: readonly Column[]): Record<string, string> =>
  Object.fromEntries(columns.map((c) => [c.field, row[c.field]]));
