import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync, type Zippable } from 'fflate';

type Row = Record<string, unknown>;

/** A record as one CSV row: nested fields as dotted columns, arrays as JSON text. */
const flatten = (record: Row, prefix = '', row: Record<string, string> = {}): Record<string, string> => {
  for (const [key, value] of Object.entries(record)) {
    const column = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) flatten(value as Row, column, row);
    else row[column] = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  }
  return row;
};

const csvOf = (records: readonly Row[]): string => {
  const rows = records.map((record) => flatten(record));
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  // A leading quote keeps spreadsheet formulas (=, +, -, @) from running when the file is opened.
  const safe = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
  return stringify(
    rows.map((row) => columns.map((c) => safe(row[c] ?? ''))),
    { header: true, columns },
  );
};

/**
 * The access export as a ZIP: `manifest.json` (who, when, each store and its count), then each
 * store's records as `json/<store>.json` and `csv/<store>.csv`. Every store of the export is
 * listed, an empty one too, so the person sees what was looked at.
 */
export const buildExportArchive = (userId: string, stores: { store: string; records: Row[] }[], at: Date): Uint8Array => {
  const manifest = {
    format: 'uxflow-personal-data-export/1',
    userId,
    generatedAt: at.toISOString(),
    stores: stores.map(({ store, records }) => ({ store, records: records.length, json: `json/${store}.json`, csv: `csv/${store}.csv` })),
  };
  const files: Zippable = { 'manifest.json': strToU8(JSON.stringify(manifest, null, 2)) };
  for (const { store, records } of stores) {
    files[`json/${store}.json`] = strToU8(JSON.stringify(records, null, 2));
    files[`csv/${store}.csv`] = strToU8(csvOf(records));
  }
  return zipSync(files, { level: 6, mtime: at });
};
