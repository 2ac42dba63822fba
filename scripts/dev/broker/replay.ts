import { access, appendFile, readFile, rename, rm } from 'node:fs/promises';
import { CloudEvent } from 'cloudevents';
import { deliver } from './deliver.ts';
import type { DeliverySpec, TriggerRoute } from './triggers.ts';

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** One line of the dead-letter file, as the local broker appends it. */
export interface DeadLetter {
  at: string;
  trigger: string;
  event: Record<string, unknown>;
  attempts: number;
  lastStatus: number | null;
  lastError?: string;
}

export interface ReplayReport {
  replayed: number;
  delivered: number;
  /** Still failing: appended back to the file, with their new outcome. */
  failed: number;
  /** Their Trigger no longer exists (a renamed or removed subscriber): kept in the file, not sent. */
  orphaned: number;
}

/**
 * Sends every dead letter again to the subscriber of the Trigger that dead-lettered it (only that
 * one: the event's other subscribers already took it), with the Broker's retries. The file is
 * moved aside first, so letters the broker dead-letters meanwhile land in a new file and are never
 * lost or replayed twice; what fails again is appended back. A letter is sent before it leaves the
 * working file, so a replay cut short sends some again next time (consumers dedupe), never loses one. Consumers dedupe on the event id, so
 * a letter that was in fact handled before is harmless.
 */
export const replayDeadLetters = async (options: {
  file: string;
  triggers: readonly TriggerRoute[];
  delivery: DeliverySpec;
  subscriberUrl: (functionName: string) => string;
  log?: (line: Record<string, unknown>) => void;
}): Promise<ReplayReport> => {
  const working = `${options.file}.replaying`;
  const report: ReplayReport = { replayed: 0, delivered: 0, failed: 0, orphaned: 0 };
  // A replay that stopped half-way left its working file: finish that one first (renaming over it would lose its letters).
  if (!(await exists(working))) {
    try {
      await rename(options.file, working);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return report;
      throw error;
    }
  }
  const letters = (await readFile(working, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as DeadLetter);
  for (const letter of letters) {
    const trigger = options.triggers.find((t) => t.name === letter.trigger);
    if (!trigger) {
      report.orphaned += 1;
      await appendFile(options.file, `${JSON.stringify(letter)}\n`);
      continue;
    }
    report.replayed += 1;
    const result = await deliver(new CloudEvent(letter.event, false), options.subscriberUrl(trigger.subscriber), options.delivery);
    options.log?.({ msg: result.ok ? 'replayed' : 'still failing', trigger: trigger.name, id: letter.event.id, ...result });
    if (result.ok) report.delivered += 1;
    else {
      report.failed += 1;
      await appendFile(options.file, `${JSON.stringify({ ...letter, at: new Date().toISOString(), ...result })}\n`);
    }
  }
  await rm(working);
  return report;
};
