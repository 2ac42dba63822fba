import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { mapLimit } from '../../lib/map-limit.ts';
import type { MailSidecar } from './server.ts';

export type ReceivedMail = {
  id: string;
  /** Envelope sender (`MAIL FROM`), `null` for a bounce. */
  from: string | null;
  /** Envelope recipients (`RCPT TO`). */
  to: string[];
  receivedAt: Date;
  /** Path of the raw message as received. */
  emlPath: string;
  message: ParsedMail;
};

const filesAtOnce = 64;

export type ReadMailFilter = {
  /** Only messages with this envelope recipient (case-insensitive). */
  to?: string;
};

/**
 * Reads the messages the mail sink stored in `dir` (its `MAIL_SINK_DIR`), oldest first,
 * parsed with mailparser. A missing directory means no mail yet: `[]`.
 */
export async function readMail(dir: string, filter: ReadMailFilter = {}): Promise<ReceivedMail[]> {
  const wanted = filter.to?.toLowerCase();
  const sidecars = (await listSidecars(dir))
    .filter((sidecar) => wanted === undefined || sidecar.to.some((to) => to.toLowerCase() === wanted))
    .sort((a, b) => a.id.localeCompare(b.id));
  // A bounded number of files open at once: a developer's sink dir holds tens of thousands of mails.
  return mapLimit(sidecars, filesAtOnce, async (sidecar) => {
    const emlPath = join(dir, `${sidecar.id}.eml`);
    return {
      id: sidecar.id,
      from: sidecar.from,
      to: sidecar.to,
      receivedAt: new Date(sidecar.receivedAt),
      emlPath,
      message: await simpleParser(await readFile(emlPath)),
    };
  });
}

async function listSidecars(dir: string): Promise<MailSidecar[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const jsonNames = names.filter((name) => name.endsWith('.json') && !name.startsWith('.'));
  return mapLimit(jsonNames, filesAtOnce, async (name) => JSON.parse(await readFile(join(dir, name), 'utf8')) as MailSidecar);
}
