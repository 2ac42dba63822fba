import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import checkpointsFunction from '../../../functions/privacy/audit-checkpoints.ts';
import workspaceFunction from '../../../functions/privacy/audit-workspace.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { startAuditKit, type AuditKit } from '../../support/audit-kit.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import type { TestUser } from '../../support/workspace-kit.ts';

const checkpoints = named(checkpointsFunction, 'functions/privacy/audit-checkpoints.ts');

let kit: AuditKit;
let dir: string;
let owner: TestUser;
let workspaceId: string;
let exportFile: string;
let keyFile: string;

const pick = (env: Record<string, string>) => ({ MONGODB_URI: env.MONGODB_URI, MONGODB_DB: env.MONGODB_DB });

/** `npm run audit -- verify …` as a person runs it: the exit code and what it printed. */
const cli = async (...args: string[]) => {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['scripts/audit/index.ts', 'verify', ...args], {
      env: { ...process.env, ...pick(kit.env), AUDIT_KEYS_URL: 'http://127.0.0.1:9/none' },
    });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: `${failed.stdout}${failed.stderr}` };
  }
};

beforeAll(async () => {
  kit = await startAuditKit('it_audit_cli');
  dir = await mkdtemp(path.join(tmpdir(), 'audit-cli-'));
  owner = await kit.user('owner');
  workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'enterprise' });
  for (let n = 0; n < 6; n++)
    await kit.log.record({
      action: 'member.role_changed',
      actor: { type: 'user', id: owner.id, userId: owner.id },
      workspaceId,
      details: { n },
    });
  await fireCron(checkpoints, kit.env);
  const exported = await kit.call(workspaceFunction, `/v1/workspaces/${workspaceId}/audit?format=jsonl`, owner);
  exportFile = path.join(dir, 'export.jsonl');
  keyFile = path.join(dir, 'audit-keys.json');
  await writeFile(exportFile, exported.text);
  // The key set as the deployment publishes it: all a verifier needs.
  await writeFile(keyFile, JSON.stringify({ keys: await kit.keys.publicKeys() }));
}, servicesHookTimeoutMs);
afterAll(async () => {
  await kit?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The export with its lines changed by `change`, written to a file of its own. */
const variant = async (name: string, change: (lines: string[]) => string[]) => {
  const lines = (await readFile(exportFile, 'utf8')).trim().split('\n');
  const file = path.join(dir, `${name}.jsonl`);
  await writeFile(file, `${change(lines).join('\n')}\n`);
  return file;
};

describe('npm run audit -- verify', () => {
  it('should verify an export and the database with only the public key', async () => {
    const fromFile = await cli('--from', exportFile, '--public-key', keyFile);
    expect(fromFile).toMatchObject({ code: 0 });
    expect(fromFile.out).toContain('verified');
    expect((await cli('--public-key', keyFile)).code).toBe(0);
  });

  it('should exit 1 naming the entry when one byte of an exported entry changes', async () => {
    const file = await variant('byte', (lines) => lines.map((line, i) => (i === 2 ? line.replace('"n":2', '"n":3') : line)));
    const result = await cli('--from', file, '--public-key', keyFile);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${workspaceId}:3 (seq 3`);
  });

  it('should exit 1 naming a deleted entry, and the first of two reordered ones', async () => {
    const deleted = await cli('--from', await variant('deleted', (lines) => lines.filter((_, i) => i !== 3)), '--public-key', keyFile);
    expect(deleted.code).toBe(1);
    expect(deleted.out).toContain(`${workspaceId}:4 (seq 4, missing`);
    const swapped = await variant('swapped', (lines) => [lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)]);
    const reordered = await cli('--from', swapped, '--public-key', keyFile);
    expect(reordered.code).toBe(1);
    expect(reordered.out).toContain(`${workspaceId}:2 (seq 2`);
  });

  it('should exit 1 when the last entries are cut off below the signed checkpoint, and 1 for another key', async () => {
    const cut = await cli(
      '--from',
      await variant('cut', (lines) => lines.filter((line, i) => i < 4 || line.includes('"checkpoint"'))),
      '--public-key',
      keyFile,
    );
    expect(cut.code).toBe(1);
    expect(cut.out).toContain(`${workspaceId}:5 (seq 5, missing`);
    const otherKey = path.join(dir, 'other-key.json');
    const { publicJwk } = (await import('../../../shared/infra/audit/audit-crypto.ts')).newEd25519Pair('audit-2025');
    await writeFile(otherKey, JSON.stringify({ keys: [{ ...publicJwk, kid: (await kit.keys.publicKeys())[0]!.kid }] }));
    expect((await cli('--from', exportFile, '--public-key', otherKey)).code).toBe(1);
  });

  it('should exit 1 naming the entry changed in the database, and 2 without a reachable key', async () => {
    await kit.db.collection('audit_log').updateOne({ _id: `${workspaceId}:5` as never }, { $set: { outcome: 'failure' } });
    const result = await cli('--public-key', keyFile);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${workspaceId}:5 (seq 5, hash_mismatch`);
    expect((await cli()).code).toBe(2);
  });
});
