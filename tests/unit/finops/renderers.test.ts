import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../scripts/finops/model/build-report.ts';
import { csvField, renderCsv } from '../../../scripts/finops/render/csv-report.ts';
import { renderMarkdown } from '../../../scripts/finops/render/markdown-report.ts';
import { renderSvg } from '../../../scripts/finops/render/svg-chart.ts';
import { prices, profile } from './fixtures.ts';

// Three functions in staging (no floors), 0.5 vCPU + 0.5 GiB, instance-hours 90 % on spot:
// per hour 0.9 × 0.0055 + 0.1 × 0.0225 = 0.00495 + 0.00225 = $0.0072.
// a<b&"c": 100 h → 0.72; ai-generate: 50 h → 0.36, 1,000 × 10 credits × $0.02 = $200 revenue; idle: 0.
const report = buildReport({
  profiles: [
    profile({ name: 'a<b&"c"', team: 'ops, platform' }),
    profile({ name: 'ai-generate', team: 'ai', creditsPerCall: 10 }),
    profile({ name: 'idle' }),
  ],
  usage: {
    month: '2025-06',
    environment: 'staging',
    functions: [
      { function: 'a<b&"c"', requests: 0, avgDurationMs: 0, instanceMinutes: 6_000 },
      { function: 'ai-generate', requests: 1_000, avgDurationMs: 0, instanceMinutes: 3_000 },
    ],
  },
  usageFile: 'usage.json',
  prices: { ...prices, requestsPerMillion: 0 },
});

/** Well-formed enough: every tag closes in order, no bare `&` or `<` in text. */
const isWellFormed = (xml: string): boolean => {
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  for (const [, closing, name, selfClosing] of body.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (!closing) stack.push(name!);
    else if (stack.pop() !== name) return false;
  }
  const text = body.replace(/<[^>]*>/g, '');
  return stack.length === 0 && !/&(?!(amp|lt|gt|quot|apos);)/.test(text) && !text.includes('<');
};

describe('renderCsv', () => {
  const lines = renderCsv(report).trimEnd().split('\r\n');

  it('should write a heading and one line per function, most expensive first', () => {
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      'function,domain,team,cost_center,tier,spot,floor,floor_hours,burst_hours,spot_share,requests,compute_cost,request_cost,provider_cost,cost,credits,revenue,margin,margin_share',
    );
    // Quoted fields: the name has a quote, the team a comma.
    expect(lines[1]).toBe(
      '"a<b&""c""",flows,"ops, platform",cc-flows,standard,preferred,0,0.00,100.00,0.9000,0,0.7200,0.0000,0.0000,0.7200,,,,',
    );
    // 200 − 0.36 = 199.64 → 99.82 %.
    expect(lines[2]).toBe(
      'ai-generate,flows,ai,cc-flows,standard,preferred,0,0.00,50.00,0.9000,1000,0.3600,0.0000,0.0000,0.3600,10000,200.0000,199.6400,0.9982',
    );
    expect(lines[3]!.startsWith('idle,')).toBe(true);
  });

  it('should quote only fields that need it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
});

describe('renderMarkdown', () => {
  it('should show totals, a function table and one table per cost tag', () => {
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('# FinOps report 2025-06 (staging)');
    // Cost 0.72 + 0.36 = 1.08; margin 200 − 1.08 = 198.92.
    expect(markdown).toContain('Monthly cost $1.08 over 3 functions and 150.0 instance-hours');
    expect(markdown).toContain('Credit revenue $200.00, margin after all cost $198.92.');
    expect(markdown.match(/^## .*$/gm)).toEqual(['## Functions by cost', '## By team', '## By cost center', '## By tier', '## By domain']);
    expect(markdown).toContain(
      '| ai-generate | standard | preferred |     0 |       50.0 |  90.0 % |    1,000 | $0.36 |    $0.00 | $0.36 |  10,000 | $200.00 | $199.64 |   99.8 % |',
    );
  });

  it('should escape pipes and keep every row of a table as wide as its heading', () => {
    const table = renderMarkdown(report).split('\n\n')[3]!.split('\n');
    expect(table).toHaveLength(2 + 3);
    expect(new Set(table.map((line) => line.length)).size).toBe(1);
  });

  it('should show only the first rows when given a top count', () => {
    const markdown = renderMarkdown(report, 2);
    expect(markdown).toContain('## Top 2 of 3 functions by cost');
    expect(markdown).not.toMatch(/^\| idle /m);
  });
});

describe('renderSvg', () => {
  const svg = renderSvg(report);

  it('should draw one bar per function, scaled to the most expensive', () => {
    const widths = [...svg.matchAll(/<rect class="bar"[^>]*width="([\d.]+)"/g)].map((match) => Number(match[1]));
    // Bar area 960 − 300 − 90 = 570 px for $0.72: 570, 285, 0.
    expect(widths).toEqual([570, 285, 0]);
  });

  it('should be well-formed with escaped names', () => {
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(isWellFormed(svg)).toBe(true);
    expect(isWellFormed('<svg><g></svg>')).toBe(false); // the check itself can fail
    expect(svg).toContain('>a&lt;b&amp;&quot;c&quot;</text>');
  });
});
