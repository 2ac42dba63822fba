/**
 * `npm run functions` prints every function with its trigger, permission, tier and cost tags;
 * `npm run functions -- --json` prints the same rows as a JSON array.
 */
import { functionRow, type Column } from './gen/function-rows.ts';
import { formatTextTable, pickColumns } from './gen/text-table.ts';
import { loadDefinitions } from './lib/load-definitions.ts';

const columns: readonly Column[] = [
  { heading: 'NAME', field: 'name' },
  { heading: 'TRIGGER', field: 'trigger' },
  { heading: 'PERMISSION', field: 'permission' },
  { heading: 'TIER', field: 'tier' },
  { heading: 'TEAM', field: 'team' },
  { heading: 'COST-CENTER', field: 'costCenter' },
  { heading: 'DOMAIN', field: 'domain' },
];

try {
  const rows = (await loadDefinitions()).map(({ definition }) => functionRow(definition));
  console.log(
    process.argv.includes('--json')
      ? JSON.stringify(
          rows.map((row) => pickColumns(row, columns)),
          null,
          2,
        )
      : formatTextTable(rows, columns),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
