import { escapeXml } from '../render/svg-chart.ts';
import { money, percent } from '../render/format.ts';
import type { Advice } from './build-advice.ts';

const layout = { width: 960, height: 600, left: 80, right: 30, top: 60, bottom: 60 } as const;

/**
 * Cost (log scale) against the share of requests that meet a cold start, one grey dot per function
 * now and one coloured dot recommended, joined by a line when they differ. Plain SVG, no scripts.
 */
export const renderAdviceChart = (advice: Advice): string => {
  const { width, height, left, right, top, bottom } = layout;
  const costs = advice.functions.flatMap((f) => [f.now.cost, f.recommended.cost]).filter((c) => c > 0);
  const low = Math.log10(Math.min(...costs, 1) / 2);
  const high = Math.log10(Math.max(...costs, 1) * 1.5);
  const x = (cost: number) => left + ((Math.log10(Math.max(cost, 10 ** low)) - low) / (high - low)) * (width - left - right);
  const y = (share: number) => top + (1 - share) * (height - top - bottom);
  const ticks = [];
  for (let power = Math.ceil(low); power <= high; power += 1) {
    ticks.push(
      `  <line x1="${x(10 ** power).toFixed(1)}" y1="${top}" x2="${x(10 ** power).toFixed(1)}" y2="${height - bottom}" stroke="#ddd"/>`,
      `  <text x="${x(10 ** power).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle">${escapeXml(money(10 ** power, advice.currency))}</text>`,
    );
  }
  for (const share of [0, 0.25, 0.5, 0.75, 1]) {
    ticks.push(
      `  <line x1="${left}" y1="${y(share).toFixed(1)}" x2="${width - right}" y2="${y(share).toFixed(1)}" stroke="#ddd"/>`,
      `  <text x="${left - 6}" y="${(y(share) + 4).toFixed(1)}" text-anchor="end">${percent(share)}</text>`,
    );
  }
  const points = advice.functions.map((f) => {
    const name = escapeXml(f.profile.name);
    const [nx, ny, rx, ry] = [x(f.now.cost), y(f.now.coldStartShare), x(f.recommended.cost), y(f.recommended.coldStartShare)].map((v) =>
      v.toFixed(1),
    );
    const moved = f.recommended !== f.now;
    return [
      `  <g>`,
      `    <title>${name}: ${escapeXml(money(f.now.cost, advice.currency))} → ${escapeXml(money(f.recommended.cost, advice.currency))}, cold ${percent(f.now.coldStartShare)} → ${percent(f.recommended.coldStartShare)}</title>`,
      moved ? `    <line x1="${nx}" y1="${ny}" x2="${rx}" y2="${ry}" stroke="#aaa"/>` : '',
      `    <circle class="now" cx="${nx}" cy="${ny}" r="4" fill="#7f8c8d"/>`,
      moved ? `    <circle class="recommended" cx="${rx}" cy="${ry}" r="4" fill="#27ae60"/>` : '',
      `  </g>`,
    ]
      .filter(Boolean)
      .join('\n');
  });
  const title = escapeXml(
    `Cost vs cold-start share per function, ${advice.month}: ${money(advice.totals.costNow, advice.currency)} now (grey) → ${money(advice.totals.costRecommended, advice.currency)} recommended (green)`,
  );
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `  <text x="${left}" y="28" font-size="15" font-weight="bold">${title}</text>`,
    ...ticks,
    `  <text x="${(width + left) / 2}" y="${height - 16}" text-anchor="middle">monthly cost (pods and requests, log scale)</text>`,
    `  <text x="20" y="${(height / 2).toFixed(0)}" transform="rotate(-90 20 ${(height / 2).toFixed(0)})" text-anchor="middle">requests meeting a cold start</text>`,
    ...points,
    `</svg>`,
    '',
  ].join('\n');
};
