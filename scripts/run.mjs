// Plain JavaScript, no dependencies, on purpose: the machine's own node runs this file, even before
// node_modules exists. Every npm script goes through it:
//
//   node scripts/run.mjs [--install] <script.ts> [arguments…]
//
// --install (the README's two commands) first installs node_modules when they are missing or older
// than package-lock.json. Then the script runs on the project's Node (the `node` devDependency in
// node_modules/.bin, Node 24), which strips the TypeScript types itself, with Node's module compile
// cache in .data/compile-cache (the stripped and compiled modules of the last run are reused).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');
const projectNode = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'node.cmd' : 'node');

const args = process.argv.slice(2);
const install = args[0] === '--install';
if (install) args.shift();

const isStale = () => !existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs;

if (install && isStale()) {
  console.log('installing dependencies (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm ci failed: check your network access to the npm registry, then run `npm ci` yourself.');
    process.exit(result.status ?? 1);
  }
}
if (!existsSync(projectNode)) {
  console.error('node_modules/.bin/node is missing: run `npm ci` first.');
  process.exit(1);
}

const preload = pathToFileURL(path.join(root, 'scripts', 'lib', 'compile-cache.mjs')).href;
const child = spawn(projectNode, ['--import', preload, ...args], { stdio: 'inherit' });
// Ctrl-C reaches the whole process group: the script decides how to stop; this process only waits.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
