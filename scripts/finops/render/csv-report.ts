import type { CostReport } from '../model/build-report.ts';
import type { FunctionMargin } from '../model/margin.ts';

const fixed = (digits: number) => (value: number | null) => (value === null ? '' : value.toFixed(digits));
const money = fixed(4);

const columns: readonly [string, (row: FunctionMargin) => string][] = [
  ['function', (row) => row.profile.name],
  ['domain', (row) => row.profile.domain],
  ['team', (row) => row.profile.team],
  ['cost_center', (row) => row.profile.costCenter],
  ['tier', (row) => row.profile.tier],
  ['spot', (row) => row.profile.spot],
  ['floor', (row) => String(row.floor)],
  ['floor_hours', (row) => fixed(2)(row.floorHours)],
  ['burst_hours', (row) => fixed(2)(row.burstHours)],
  ['spot_share', (row) => fixed(4)(row.spotShare)],
  ['requests', (row) => String(row.requests)],
  ['compute_cost', (row) => money(row.computeCost)],
  ['request_cost', (row) => money(row.requestCost)],
  ['provider_cost', (row) => money(row.providerCost)],
  ['cost', (row) => money(row.cost)],
  ['credits', (row) => (row.credits === null ? '' : String(row.credits))],
  ['revenue', (row) => money(row.revenue)],
  ['margin', (row) => money(row.margin)],
  ['margin_share', (row) => fixed(4)(row.marginShare)],
];

/** RFC 4180 quoting: only fields with a comma, quote or line break are quoted. */
export const csvField = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** One line per function, most expensive first; money in the report's currency with four decimals, no symbols. */
export const renderCsv = (report: CostReport): string =>
  [columns.map(([heading]) => heading), ...report.rows.map((row) => columns.map(([, cell]) => cell(row)))]
    .map((fields) => fields.map(csvField).join(','))
    .join('\r\n') + '\r\n';
