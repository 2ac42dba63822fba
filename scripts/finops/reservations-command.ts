import { nodeUsageFileSchema } from './input/node-usage-schema.ts';
import { readInput } from './input/read-input.ts';
import type { Io } from './io.ts';
import { analyseReservations } from './reservations/analyse-reservations.ts';
import { renderReservations } from './reservations/render-reservations.ts';

/** Reads hourly node usage, prints the floor worth committing, the savings and the Terraform variable lines. */
export const runReservations = async (options: { usage: string }, io: Io): Promise<void> => {
  const usage = await readInput(options.usage, nodeUsageFileSchema);
  io.stdout(renderReservations(usage, analyseReservations(usage)));
};
