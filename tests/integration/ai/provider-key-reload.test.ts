import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelRequest } from '../../../shared/ai/index.ts';
import { secretFileCheckMs } from '../../../shared/infra/secrets/secret-source.ts';
import { startAiKit, type AiKit } from '../../support/ai-kit.ts';
import { keyOf } from '../../support/ai-wire-server.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

/*
 * Rotating an AI provider key through the mounted file (AI_API_KEYS_FILE, the ExternalSecret's
 * volume) with model calls running against a provider that accepts only its current keys: the
 * provider takes both during the overlap, kubelet swaps the file, the function picks the new key up
 * at its next check (30 s) without a restart, the provider revokes the old key: 0 failed calls.
 */
let kit: AiKit;
let dir: string;
beforeAll(async () => {
  kit = await startAiKit('ai_key_reload');
  dir = await mkdtemp(join(tmpdir(), 'uxf-ai-keys-'));
}, servicesHookTimeoutMs);
afterAll(async () => {
  await kit?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A new file renamed over the old one, as kubelet swaps a Secret volume. */
const mount = async (file: string, value: string) => {
  await writeFile(`${file}.next`, value);
  await rename(`${file}.next`, file);
};

const request = (n: number): ModelRequest => ({
  agent: 'planner',
  quality: 'standard',
  system: 'You plan changes to UX flows.',
  prompt: `Add a sign-in step (${n}).`,
  attribution: { workspaceId: 'wsp_keys', jobId: `job_keys_${n}` },
});

describe('AI provider key rotation through the mounted file', () => {
  it(
    'should move to the new key without a restart and fail no call, the old key revoked after the reload',
    async () => {
      const provider = kit.provider('rk', 'openai');
      const file = join(dir, 'ai-api-keys');
      await mount(file, `${provider.name}=key-old`);
      const models = kit.models([provider], `planner.*=${provider.name}:gpt-4.1-mini`, {
        AI_API_KEYS: `${provider.name}=key-old`,
        AI_API_KEYS_FILE: file,
      });
      kit.server.script(provider.name, [], { reply: 'Put sign-in first [1].' });
      kit.server.acceptKeys(provider.name, ['key-old']);
      const keysSeen = () => kit.server.requests(provider.name).map((r) => keyOf('openai', r.headers));

      let failed = 0;
      let done = 0;
      let fellBack = 0;
      let stop = false;
      let n = 0;
      const worker = async () => {
        while (!stop) {
          await models.text(request((n += 1))).then(
            (answer) => {
              done += 1;
              if (answer.fellBack) fellBack += 1;
            },
            () => (failed += 1),
          );
          await wait(100);
        }
      };
      const workers = Array.from({ length: 3 }, () => worker());

      await wait(1000);
      // The provider holds both keys (the new one created beside the old), then the Secret changes.
      kit.server.acceptKeys(provider.name, ['key-old', 'key-new']);
      await mount(file, `${provider.name}=key-new`);
      const swappedAt = Date.now();
      while (keysSeen().at(-1) !== 'key-new' && Date.now() - swappedAt < secretFileCheckMs + 15_000) await wait(200);
      const reloadMs = Date.now() - swappedAt;
      // Calls in flight on the old client finish, then the old key is revoked at the provider.
      await wait(1000);
      kit.server.acceptKeys(provider.name, ['key-new']);
      const afterRevoke = keysSeen().length;
      await wait(2000);
      stop = true;
      await Promise.all(workers);

      console.info(`AI key reload: new key in use ${reloadMs} ms after the swap; ${done} calls, ${failed} failed`);
      expect({ failed, fellBack }).toEqual({ failed: 0, fellBack: 0 });
      expect(reloadMs).toBeLessThanOrEqual(secretFileCheckMs + 5_000);
      const after = keysSeen().slice(afterRevoke);
      expect(after.length).toBeGreaterThan(5);
      expect(new Set(after)).toEqual(new Set(['key-new']));
      expect(keysSeen()[0]).toBe('key-old');
    },
    secretFileCheckMs + 60_000,
  );
});
