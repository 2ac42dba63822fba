// Plain Node, no dependencies: makes `npm run dev` and `npm test` work straight after `git clone`
// by installing node_modules when they are missing or older than package-lock.json.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');

const isStale = () => !existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs;

if (isStale()) {
  console.log('installing dependencies (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm ci failed: check your network access to the npm registry, then run `npm ci` yourself.');
    process.exit(result.status ?? 1);
  }
}
