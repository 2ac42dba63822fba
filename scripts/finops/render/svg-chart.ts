import type { CostReport } from '../model/build-report.ts';
import { money } from './format.ts';

const layout = { width: 960, labelWidth: 300, valueWidth: 90, rowHeight: 20, barHeight: 14, top: 52, bottom: 16 } as const;
const barColor: Record<string, string> = { critical: '#c0392b', standard: '#2e86c1', batch: '#7f8c8d' };

/** Escapes text for an SVG text node or attribute. */
export const escapeXml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;');

/** One swatch per tier under the title (not bars: no `class`). */
const legend = (x: number): string[] =>
  Object.entries(barColor).map(
    ([tier, color], index) =>
      `  <rect x="${x + index * 90}" y="30" width="10" height="10" fill="${color}"/><text x="${x + index * 90 + 14}" y="39">${tier}</text>`,
  );

/**
 * A horizontal bar chart of monthly cost, one bar (`<rect class="bar">`) per function, most
 * expensive on top, coloured by tier. Plain SVG 1.1, no scripts or external resources.
 */
export const renderSvg = (report: CostReport): string => {
  const { width, labelWidth, valueWidth, rowHeight, barHeight, top, bottom } = layout;
  const height = top + report.rows.length * rowHeight + bottom;
  const scale = (width - labelWidth - valueWidth) / Math.max(...report.rows.map((row) => row.cost), Number.EPSILON);
  const bars = report.rows.map((row, index) => {
    const y = top + index * rowHeight;
    const barWidth = Math.max(row.cost * scale, row.cost > 0 ? 1 : 0);
    const name = escapeXml(row.profile.name);
    const value = escapeXml(money(row.cost, report.currency));
    return [
      `  <g>`,
      `    <title>${name}: ${value} (${escapeXml(row.profile.tier)}, ${escapeXml(row.profile.team)})</title>`,
      `    <text x="${labelWidth - 8}" y="${y + barHeight - 3}" text-anchor="end">${name}</text>`,
      `    <rect class="bar" x="${labelWidth}" y="${y}" width="${barWidth.toFixed(1)}" height="${barHeight}" fill="${barColor[row.profile.tier] ?? '#555'}"/>`,
      `    <text x="${(labelWidth + barWidth + 6).toFixed(1)}" y="${y + barHeight - 3}">${value}</text>`,
      `  </g>`,
    ].join('\n');
  });
  const title = escapeXml(
    `Monthly cost per function, ${report.month} (${report.environment}): ${money(report.totals.cost, report.currency)}`,
  );
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `  <text x="${labelWidth}" y="22" font-size="15" font-weight="bold">${title}</text>`,
    ...legend(labelWidth),
    ...bars,
    `</svg>`,
    '',
  ].join('\n');
};
