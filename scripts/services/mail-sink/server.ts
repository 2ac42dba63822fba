import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import { isEntryModule } from '../paths.ts';

export type MailSinkOptions = { host: string; port: number; dir: string };

/** What the sink stores beside each raw `.eml` file. */
export type MailSidecar = { id: string; from: string | null; to: string[]; receivedAt: string; size: number };

/** Reads the sink's options from `env` once, at start; throws listing every bad variable. */
export function parseMailSinkOptions(env: NodeJS.ProcessEnv): MailSinkOptions {
  const port = Number(env.MAIL_SINK_PORT ?? '2525');
  const dir = env.MAIL_SINK_DIR ?? '';
  const problems = [
    ...(Number.isInteger(port) && port > 0 && port <= 65_535 ? [] : ['MAIL_SINK_PORT must be a TCP port']),
    ...(dir.startsWith('/') ? [] : ['MAIL_SINK_DIR must be an absolute path']),
  ];
  if (problems.length > 0) throw new Error(`bad mail sink options: ${problems.join('; ')}`);
  return { host: env.MAIL_SINK_HOST ?? '127.0.0.1', port, dir };
}

/**
 * An SMTP server for loopback use: no TLS, any (or no) credentials accepted. Every message is
 * stored as `<id>.eml` plus `<id>.json` (envelope and time); the sidecar is written last, so
 * a message with a sidecar is complete.
 */
export async function startMailSink(options: MailSinkOptions): Promise<{ close: () => Promise<void> }> {
  mkdirSync(options.dir, { recursive: true });
  const server = new SMTPServer({
    banner: 'uxflow dev mail sink',
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
    size: 25 * 1024 * 1024,
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('error', callback);
      stream.once('end', () => {
        try {
          store(options.dir, Buffer.concat(chunks), session);
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolvePromise());
  });
  server.on('error', (error: Error) => console.error(`smtp: ${error.message}`));
  console.log(`mail sink on smtp://${options.host}:${options.port} -> ${options.dir}`);
  return { close: () => new Promise<void>((resolvePromise) => server.close(() => resolvePromise())) };
}

function store(dir: string, raw: Buffer, session: SMTPServerSession): void {
  const receivedAt = new Date();
  // Sortable by time, unique across messages received in the same millisecond.
  const id = `${receivedAt.getTime()}-${randomUUID().slice(0, 8)}`;
  writeFileSync(join(dir, `${id}.eml`), raw);
  const mailFrom = session.envelope.mailFrom;
  const sidecar: MailSidecar = {
    id,
    from: mailFrom === false ? null : mailFrom.address,
    to: session.envelope.rcptTo.map((recipient: SMTPServerAddress) => recipient.address),
    receivedAt: receivedAt.toISOString(),
    size: raw.length,
  };
  const partial = join(dir, `.${id}.json.partial`);
  writeFileSync(partial, `${JSON.stringify(sidecar, null, 2)}\n`);
  renameSync(partial, join(dir, `${id}.json`));
}

if (isEntryModule(import.meta.url)) {
  const sink = await startMailSink(parseMailSinkOptions(process.env));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void sink.close().finally(() => process.exit(0));
    });
  }
}
