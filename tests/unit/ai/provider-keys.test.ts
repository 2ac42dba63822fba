import { mkdtempSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { providersSchema } from '../../../shared/infra/ai/ai-settings.ts';
import { providerKeysSource } from '../../../shared/infra/ai/provider-keys.ts';

const providers = providersSchema.parse('main=openai; backup=anthropic');
let clock = 0;
const timing = { checkMs: 1000, now: () => clock };
/** Writes the file and moves its mtime on (a swap by kubelet is a new file). */
const write = (file: string, value: string, mtime: number) => {
  writeFileSync(file, value);
  utimesSync(file, mtime, mtime);
};

describe('the AI provider keys from a mounted file', () => {
  it('should take a rotated key on the next check, and keep the last good keys when the new value is refused', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ai-keys-')), 'AI_API_KEYS');
    write(file, 'main=sk-one; backup=ak-one\n', 1000);
    const keys = providerKeysSource(
      { AI_API_KEYS: { main: 'env', backup: 'env' }, AI_API_KEYS_FILE: file, AI_PROVIDERS: providers },
      timing,
    );
    expect(await keys()).toEqual({ main: 'sk-one', backup: 'ak-one' });

    write(file, 'main=sk-two; backup=ak-one', 2000);
    expect((await keys()).main).toBe('sk-one'); // within the check period
    clock += 1000;
    expect((await keys()).main).toBe('sk-two');

    // A half-written value (a provider's key missing) is refused: the previous keys stay.
    write(file, 'main=sk-three', 3000);
    clock += 1000;
    expect(await keys()).toEqual({ main: 'sk-two', backup: 'ak-one' });
  });

  it('should use the variable without a file', async () => {
    const keys = providerKeysSource({ AI_API_KEYS: { main: 'env', backup: 'env2' }, AI_PROVIDERS: providers });
    expect(await keys()).toEqual({ main: 'env', backup: 'env2' });
  });
});
