import type { CostReport } from '../model/build-report.ts';
import type { CostGroup, CostTagKey } from '../model/grouping.ts';
import type { FunctionMargin } from '../model/margin.ts';
import { amount, money, percent } from './format.ts';
import { markdownTable, type TableColumn } from './markdown-table.ts';

const tagHeadings: Record<CostTagKey, string> = { team: 'team', costCenter: 'cost center', tier: 'tier', domain: 'domain' };

const functionColumns = (currency: string): TableColumn<FunctionMargin>[] => [
  { heading: 'function', align: 'left', cell: (row) => row.profile.name },
  { heading: 'tier', align: 'left', cell: (row) => row.profile.tier },
  { heading: 'spot', align: 'left', cell: (row) => row.profile.spot },
  { heading: 'floor', align: 'right', cell: (row) => String(row.floor) },
  { heading: 'instance-h', align: 'right', cell: (row) => amount(row.floorHours + row.burstHours, 1) },
  { heading: 'on spot', align: 'right', cell: (row) => percent(row.spotShare) },
  { heading: 'requests', align: 'right', cell: (row) => amount(row.requests) },
  { heading: 'infra', align: 'right', cell: (row) => money(row.infraCost, currency) },
  { heading: 'provider', align: 'right', cell: (row) => money(row.providerCost, currency) },
  { heading: 'cost', align: 'right', cell: (row) => money(row.cost, currency) },
  { heading: 'credits', align: 'right', cell: (row) => amount(row.credits) },
  { heading: 'revenue', align: 'right', cell: (row) => money(row.revenue, currency) },
  { heading: 'margin', align: 'right', cell: (row) => money(row.margin, currency) },
  { heading: 'margin %', align: 'right', cell: (row) => percent(row.marginShare) },
];

const groupColumns = (tag: CostTagKey, currency: string): TableColumn<CostGroup>[] => [
  { heading: tagHeadings[tag], align: 'left', cell: (group) => group.value },
  { heading: 'functions', align: 'right', cell: (group) => String(group.functions) },
  { heading: 'cost', align: 'right', cell: (group) => money(group.cost, currency) },
  { heading: 'revenue', align: 'right', cell: (group) => money(group.revenue, currency) },
  { heading: 'margin', align: 'right', cell: (group) => money(group.margin, currency) },
];

/**
 * The report as Markdown: totals, the functions by cost (the first `top` when given; the CSV
 * always has all), then one table per cost tag.
 */
export const renderMarkdown = (report: CostReport, top?: number): string => {
  const { currency, totals } = report;
  const shown = top === undefined ? report.rows : report.rows.slice(0, top);
  const heading =
    shown.length < report.rows.length ? `Top ${shown.length} of ${report.rows.length} functions by cost` : 'Functions by cost';
  return (
    [
      `# FinOps report ${report.month} (${report.environment})`,
      [
        `Monthly cost ${money(totals.cost, currency)} over ${report.rows.length} functions and ${amount(totals.instanceHours, 1)} instance-hours,`,
        `${percent(totals.spotShare)} of them on spot (spot-preferred fallback to on-demand: ${percent(report.spotFallbackShare)}).`,
        `Credit revenue ${money(totals.revenue, currency)}, margin after all cost ${money(totals.margin, currency)}.`,
      ].join('\n'),
      `## ${heading}`,
      markdownTable(shown, functionColumns(currency)),
      ...(Object.keys(tagHeadings) as CostTagKey[]).flatMap((tag) => [
        `## By ${tagHeadings[tag]}`,
        markdownTable(report.groups[tag], groupColumns(tag, currency)),
      ]),
    ].join('\n\n') + '\n'
  );
};
