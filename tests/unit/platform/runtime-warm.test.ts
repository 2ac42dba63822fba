import { describe, expect, it } from 'vitest';
import { defineConfig } from '../../../shared/platform/config/fragment.ts';
import { defineResource } from '../../../shared/platform/resource.ts';
import { createRuntime } from '../../../shared/platform/runtime.ts';

const none = defineConfig({ name: 'none', shape: {}, devDefaults: {} });
const env = { APP_ENV: 'test', LOG_LEVEL: 'silent' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('runtime.warm', () => {
  it('should create and warm each declared resource that can warm, once, without waiting for it', async () => {
    const calls: string[] = [];
    const base = defineResource({ name: 'base', config: none, create: () => 'base', warm: async (value) => calls.push(`warm ${value}`) });
    const top = defineResource({ name: 'top', config: none, requires: [base], create: () => 'top' });
    const runtime = createRuntime({ name: 'warm-test', uses: [top] }, env);
    runtime.warm();
    runtime.warm();
    await settle();
    expect(calls).toEqual(['warm base']);
  });

  it('should swallow a failed warm-up (the request that needs the client reports it)', async () => {
    const failing = defineResource({ name: 'failing', config: none, create: () => 1, warm: () => Promise.reject(new Error('down')) });
    const runtime = createRuntime({ name: 'warm-test', uses: [failing] }, env);
    expect(() => runtime.warm()).not.toThrow();
    await settle();
    expect(runtime.use(failing)).toBe(1);
  });
});
