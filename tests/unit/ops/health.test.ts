import { describe, expect, it } from 'vitest';
import { checkHealth, type DependencyProbe } from '../../../shared/ops/health.ts';

const answering = (name: string): DependencyProbe => ({ name, check: async () => {} });
const failing = (name: string): DependencyProbe => ({ name, check: async () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1')) });
const hanging = (name: string): DependencyProbe => ({ name, check: () => new Promise(() => {}) });

describe('checkHealth', () => {
  it('should report ok when every dependency answers', async () => {
    const report = await checkHealth([answering('mongodb'), answering('redis')], { timeoutMs: 100 });
    expect(report.status).toBe('ok');
    expect(report.dependencies.map((d) => [d.name, d.ok])).toEqual([
      ['mongodb', true],
      ['redis', true],
    ]);
  });

  it('should report degraded and say unreachable without the driver message when one dependency fails', async () => {
    const report = await checkHealth([answering('mongodb'), failing('chroma')], { timeoutMs: 100 });
    expect(report.status).toBe('degraded');
    expect(report.dependencies[1]).toMatchObject({ name: 'chroma', ok: false, error: 'unreachable' });
    expect(JSON.stringify(report)).not.toContain('ECONNREFUSED');
  });

  it('should give up on a dependency when it does not answer within the timeout', async () => {
    const started = Date.now();
    const report = await checkHealth([hanging('stripe')], { timeoutMs: 50 });
    expect(report.dependencies[0]).toMatchObject({ ok: false, error: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('should measure latency with the given clock when one is passed', async () => {
    let t = 0;
    const report = await checkHealth([{ name: 'x', check: async () => void (t += 42) }], { timeoutMs: 100, now: () => t });
    expect(report.dependencies[0]?.latencyMs).toBe(42);
  });
});
