/**
 * `npm run finops -- report | reservations …`: per-function cost, margin and grouping from usage and
 * prices, and the committed-use floor from hourly node usage. See docs/finops.md.
 */
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
