import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { FinOpsInputError } from '../input/input-error.ts';
import { fieldPath } from '../input/read-input.ts';
import type { TraceRequest } from './generate-trace.ts';

/** One line of a requests.jsonl trace. */
export const traceLineSchema = z.strictObject({
  at: z.number().int().nonnegative(),
  function: z.string().min(1),
  durationMs: z.number().nonnegative(),
});

/** Writes a trace as JSON Lines, one request a line. */
export const writeTrace = async (file: string, requests: readonly TraceRequest[]): Promise<void> => {
  await writeFile(
    file,
    requests.map((r) => `{"at":${r.at},"function":${JSON.stringify(r.function)},"durationMs":${r.durationMs}}\n`).join(''),
  );
};

/**
 * Reads a JSON Lines trace (blank lines skipped), validating every line; problems name the line
 * (at most 20 are listed). Returns the requests sorted by arrival.
 */
export const readTrace = async (file: string): Promise<TraceRequest[]> => {
  const requests: TraceRequest[] = [];
  const problems: string[] = [];
  let lineNumber = 0;
  try {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        problems.push(`line ${lineNumber}: not valid JSON`);
        continue;
      }
      const parsed = traceLineSchema.safeParse(json);
      if (parsed.success) requests.push(parsed.data);
      else problems.push(...parsed.error.issues.map((issue) => `line ${lineNumber}: ${fieldPath(issue.path)}: ${issue.message}`));
    }
  } catch (error) {
    throw new FinOpsInputError(file, [`cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }
  if (problems.length > 0) throw new FinOpsInputError(file, problems.slice(0, 20));
  if (requests.length === 0) throw new FinOpsInputError(file, ['the trace holds no request']);
  return requests.sort((a, b) => a.at - b.at);
};
