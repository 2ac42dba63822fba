import { join } from 'node:path';
import { requirePackage } from './install.ts';
import { dataDir, ensureDir, repoRoot } from './paths.ts';
import { tcpProbe } from './probe.ts';
import { spawnDetached } from './process.ts';
import type { Service } from './service.ts';

export { readMail, type ReadMailFilter, type ReceivedMail } from './mail-sink/read-mail.ts';

const host = '127.0.0.1';
const port = 2525;
const mailDir = join(dataDir, 'mail');

/** A local SMTP server that keeps every message as an `.eml` file the tests can read. */
export const mailSink: Service = {
  name: 'mail',
  description: 'SMTP mail sink (Node, smtp-server)',
  address: `smtp://${host}:${port}`,
  overrideVar: 'SMTP_URL',
  env: { SMTP_URL: `smtp://${host}:${port}`, MAIL_SINK_DIR: mailDir },
  probe: () => tcpProbe(host, port, { expect: '220' }),
  install: async () => {
    requirePackage('mail', 'smtp-server');
  },
  start: () =>
    spawnDetached({
      name: 'mail',
      command: process.execPath,
      args: [join(repoRoot, 'scripts', 'services', 'mail-sink', 'server.ts')],
      env: {
        ...process.env,
        MAIL_SINK_HOST: host,
        MAIL_SINK_PORT: String(port),
        MAIL_SINK_DIR: ensureDir(mailDir),
      },
    }),
  startTimeoutMs: 20_000,
};
