import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayDeadLetters, type DeadLetter } from '../../../scripts/dev/broker/replay.ts';
import { startLocalBroker } from '../../../scripts/dev/broker/server.ts';
import type { DeliverySpec, TriggerRoute } from '../../../scripts/dev/broker/triggers.ts';

/** The local broker's dead letters: only what exhausted its retries, and the command that sends them again. */
const delivery: DeliverySpec = { retry: 2, backoffPolicy: 'linear', backoffDelayMs: 20 };
const triggers: TriggerRoute[] = [
  { name: 'flaky-trigger', filter: { type: 'com.uxflow.test.flaky.v1' }, subscriber: 'flaky' },
  { name: 'broken-trigger', filter: { type: 'com.uxflow.test.broken.v1' }, subscriber: 'broken' },
];

let dir: string, file: string, subscriber: Server, broker: Server, subscriberBase: string, brokerUrl: string;
const attempts = new Map<string, number>();
const handled = new Map<string, number>();
let brokenHealed = false;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dead-letters-'));
  file = path.join(dir, 'dead-letters.jsonl');
  subscriber = createServer((req, res) => {
    const id = String(req.headers['ce-id']);
    const seen = (attempts.get(id) ?? 0) + 1;
    attempts.set(id, seen);
    // flaky fails twice, then takes the event; broken fails until healed.
    const ok = req.url === '/flaky' ? seen > 2 : brokenHealed;
    if (ok) handled.set(id, (handled.get(id) ?? 0) + 1);
    req.resume().on('end', () => res.writeHead(ok ? 200 : 503).end());
  });
  await new Promise<void>((resolve) => subscriber.listen(0, '127.0.0.1', resolve));
  subscriberBase = `http://127.0.0.1:${(subscriber.address() as AddressInfo).port}`;
  broker = await startLocalBroker({
    port: 0,
    triggers,
    delivery,
    subscriberUrl: (name) => `${subscriberBase}/${name}`,
    deadLetterFile: file,
    log: () => undefined,
  });
  brokerUrl = `http://127.0.0.1:${(broker.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  broker.close();
  subscriber.close();
  await rm(dir, { recursive: true, force: true });
});

const publish = (id: string, type: string) =>
  fetch(brokerUrl, {
    method: 'POST',
    headers: { 'ce-specversion': '1.0', 'ce-id': id, 'ce-type': type, 'ce-source': '/tests', 'content-type': 'application/json' },
    body: JSON.stringify({ n: 1 }),
  });

const letters = async (): Promise<DeadLetter[]> =>
  (await readFile(file, 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as DeadLetter);

const until = async (condition: () => Promise<boolean> | boolean) => {
  const deadline = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('the local broker dead letters', () => {
  it('should dead-letter only the event that exhausted its retries, then deliver it once when replayed', async () => {
    expect((await publish('evt-flaky', 'com.uxflow.test.flaky.v1')).status).toBe(202);
    expect((await publish('evt-broken', 'com.uxflow.test.broken.v1')).status).toBe(202);
    await until(async () => handled.has('evt-flaky') && (await letters()).length === 1);

    const [letter] = await letters();
    expect(letter).toMatchObject({ trigger: 'broken-trigger', attempts: 3, lastStatus: 503, event: { id: 'evt-broken' } });
    expect(attempts.get('evt-flaky')).toBe(3);

    brokenHealed = true;
    const report = await replayDeadLetters({ file, triggers, delivery, subscriberUrl: (name) => `${subscriberBase}/${name}` });

    expect(report).toEqual({ replayed: 1, delivered: 1, failed: 0, orphaned: 0 });
    expect(handled.get('evt-broken')).toBe(1);
    expect(handled.get('evt-flaky')).toBe(1);
    expect(await letters()).toEqual([]);
  });

  it('should keep a letter that fails again, and one whose trigger is gone, for the next replay', async () => {
    brokenHealed = false;
    await publish('evt-broken-2', 'com.uxflow.test.broken.v1');
    await until(async () => (await letters()).length === 1);

    const report = await replayDeadLetters({
      file,
      triggers: [triggers[0]!],
      delivery,
      subscriberUrl: (name) => `${subscriberBase}/${name}`,
    });
    expect(report).toEqual({ replayed: 0, delivered: 0, failed: 0, orphaned: 1 });
    const again = await replayDeadLetters({ file, triggers, delivery, subscriberUrl: (name) => `${subscriberBase}/${name}` });
    expect(again).toEqual({ replayed: 1, delivered: 0, failed: 1, orphaned: 0 });
    expect((await letters()).map((l) => l.event.id)).toEqual(['evt-broken-2']);
  });

  it('should finish the working file a replay cut short left behind, losing none of its letters', async () => {
    brokenHealed = true;
    const letter = {
      at: new Date().toISOString(),
      trigger: 'broken-trigger',
      event: { specversion: '1.0', id: 'evt-cut', type: 'com.uxflow.test.broken.v1', source: '/tests' },
      attempts: 3,
      lastStatus: 503,
    };
    await writeFile(`${file}.replaying`, `${JSON.stringify(letter)}\n`);

    const report = await replayDeadLetters({ file, triggers, delivery, subscriberUrl: (name) => `${subscriberBase}/${name}` });

    expect(report).toEqual({ replayed: 1, delivered: 1, failed: 0, orphaned: 0 });
    expect(handled.get('evt-cut')).toBe(1);
  });
});
