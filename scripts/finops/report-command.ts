import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pricesFileSchema } from './input/prices-schema.ts';
import { readInput } from './input/read-input.ts';
import { usageFileSchema } from './input/usage-schema.ts';
import { buildReport } from './model/build-report.ts';
import type { FunctionProfile } from './model/function-profile.ts';
import { renderCsv } from './render/csv-report.ts';
import { renderMarkdown } from './render/markdown-report.ts';
import { renderSvg } from './render/svg-chart.ts';
import type { Io } from './io.ts';

export interface ReportOptions {
  usage: string;
  prices: string;
  out: string;
  top: number | undefined;
}

/** The files `finops report` writes into `--out`. */
export const reportFiles = { markdown: 'finops-report.md', csv: 'finops-report.csv', svg: 'finops-report.svg' } as const;

/** Reads and validates both files, prices every defined function, prints the Markdown and writes the three outputs. */
export const runReport = async (options: ReportOptions, io: Io, loadProfiles: () => Promise<FunctionProfile[]>): Promise<void> => {
  const [usage, prices, profiles] = await Promise.all([
    readInput(options.usage, usageFileSchema),
    readInput(options.prices, pricesFileSchema),
    loadProfiles(),
  ]);
  const report = buildReport({ profiles, usage, usageFile: options.usage, prices });
  const markdown = renderMarkdown(report, options.top);
  await mkdir(options.out, { recursive: true });
  const outputs = { markdown, csv: renderCsv(report), svg: renderSvg(report) };
  for (const [kind, file] of Object.entries(reportFiles) as [keyof typeof reportFiles, string][]) {
    await writeFile(path.join(options.out, file), outputs[kind]);
  }
  io.stdout(markdown);
  io.stderr(
    `Wrote ${Object.values(reportFiles)
      .map((file) => path.join(options.out, file))
      .join(', ')}\n`,
  );
};
