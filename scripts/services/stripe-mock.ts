import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { requireExecutable, runInstallStep } from './install.ts';
import { binDir, ensureDir } from './paths.ts';
import { httpProbe } from './probe.ts';
import { spawnDetached } from './process.ts';
import type { Service } from './service.ts';

const version = '0.197.0';
const host = '127.0.0.1';
const port = 12111;
const apiBase = `http://${host}:${port}`;
// stripe-mock accepts only keys of exactly three `_`-separated parts (`sk_test_<anything>`):
// `sk_test_uxflow_dev` would get 401 on every call.
const secretKey = 'sk_test_uxflowdev';
const binary = join(binDir, `stripe-mock-${version}`);

/** stripe-mock: Stripe's API answered from its OpenAPI spec with fixture data. */
export const stripeMock: Service = {
  name: 'stripe',
  description: `stripe-mock ${version}`,
  address: apiBase,
  overrideVar: 'STRIPE_API_BASE',
  env: { STRIPE_API_BASE: apiBase, STRIPE_SECRET_KEY: secretKey },
  probe: () => httpProbe(`${apiBase}/v1/customers?limit=1`, { headers: { authorization: `Bearer ${secretKey}` } }),
  install: installStripeMock,
  start: () =>
    spawnDetached({
      name: 'stripe',
      command: binary,
      // stripe-mock opens HTTPS on all interfaces unless told where: keep both on loopback.
      args: ['-http-addr', `${host}:${port}`, '-https-addr', `${host}:${port + 1}`],
    }),
  startTimeoutMs: 30_000,
};

async function installStripeMock(): Promise<void> {
  if (existsSync(binary)) return;
  const go = requireExecutable('stripe', 'go', 'Install Go 1.24 or newer and put `go` on PATH.');
  await runInstallStep({
    service: 'stripe',
    command: go,
    args: ['install', `github.com/stripe/stripe-mock@v${version}`],
    env: { ...process.env, GOBIN: ensureDir(binDir) },
    hint: 'Check that the Go module proxy is reachable (go env GOPROXY) and that Go is 1.24 or newer.',
  });
  // A versioned name: a later version bump installs afresh instead of reusing this binary.
  renameSync(join(binDir, 'stripe-mock'), binary);
}
