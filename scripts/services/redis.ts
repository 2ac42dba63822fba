import { join } from 'node:path';
import { findExecutable, InstallError, runInstallStep } from './install.ts';
import { dataDir, ensureDir } from './paths.ts';
import { tcpProbe } from './probe.ts';
import { spawnDetached } from './process.ts';
import type { Service } from './service.ts';

const host = '127.0.0.1';
const port = 6379;
const hint = 'Install it yourself with `apt-get update && apt-get install -y redis-server` (as root).';

/** Debian's redis-server, the store behind the Upstash bridge. */
export const redis: Service = {
  name: 'redis',
  description: 'Redis (Debian redis-server)',
  address: `${host}:${port}`,
  env: {},
  probe: () => tcpProbe(host, port, { send: 'PING\r\n', expect: '+PONG' }),
  install: installRedis,
  start: () =>
    spawnDetached({
      name: 'redis',
      command: 'redis-server',
      args: [
        '--bind',
        host,
        '--port',
        String(port),
        '--dir',
        ensureDir(join(dataDir, 'redis')),
        '--daemonize',
        'no',
        '--protected-mode',
        'yes',
        '--appendonly',
        'no',
        '--logfile',
        '',
      ],
    }),
  startTimeoutMs: 15_000,
};

async function installRedis(): Promise<void> {
  if (findExecutable('redis-server') !== null) return;
  if (process.getuid?.() !== 0) throw new InstallError(`redis-server is not installed. ${hint}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await runInstallStep({ service: 'redis', command: 'apt-get', args: ['update'], env, hint });
  await runInstallStep({
    service: 'redis',
    command: 'apt-get',
    args: ['install', '-y', '--no-install-recommends', 'redis-server'],
    env,
    hint,
  });
}
