import type { Db, Document, Filter, UpdateFilter, UpdateOptions } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlowEditService, type FlowsPorts } from '../../../shared/flows/index.ts';
import { flowPorts } from '../../../shared/infra/flows/flows-resource.ts';
import { createFlowHeadStore, flowHeadCollection } from '../../../shared/infra/mongodb/flow-head-store.ts';
import { isDomainError } from '../../../shared/kernel/index.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { addScreen, startFlowKit, type FlowKit } from '../../support/flow-kit.ts';

/**
 * FerretDB runs a conditional update as a read, then a write: another writer can commit between the
 * two. These tests stretch that gap on the `flows` (head) collection — every conditional update
 * reads, waits a little, then writes what it read against — so interleavings that are rare on a
 * real server happen on every run, and one write can be held for as long as a test likes.
 */
let kit: FlowKit;
let runtime: Runtime;

beforeAll(async () => {
  kit = await startFlowKit('it_flows_head');
  runtime = createRuntime({ name: 'flow-head-it', uses: [flowPorts] }, kit.env);
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtime.close();
  await kit.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Stretch {
  /** The first head write of this version number waits for `release` between its read and its write. */
  hold: number;
  release: Promise<void>;
  held: () => void;
}

/** The head collection with every conditional update split into a read, a pause and an unconditional write. */
const stretchedHeads = (db: Db, stretch: Stretch): Db => {
  const heads = db.collection(flowHeadCollection.name);
  let isHolding = false;
  const updateOne = async (filter: Filter<Document>, update: UpdateFilter<Document>, options?: UpdateOptions) => {
    const found = await heads.findOne(filter);
    const version = (update.$set as { versionNumber?: number } | undefined)?.versionNumber;
    if (version === stretch.hold && !isHolding) {
      isHolding = true;
      stretch.held();
      await stretch.release;
    } else {
      await pause(Math.random() * 15);
    }
    if (found) return heads.updateOne({ _id: found._id }, update);
    return heads.updateOne(filter, update, options);
  };
  const collection = new Proxy(heads, {
    get: (target, key, receiver) => (key === 'updateOne' ? updateOne : (Reflect.get(target, key, receiver) as unknown)),
  });
  return { collection: () => collection } as unknown as Db;
};

describe('the flow head under racing writers', () => {
  it('should end at the latest version when 20 writers commit concurrently and one head write is held until they are done', async () => {
    const { workspaceId, editor } = await kit.team('enterprise');
    const flowId = await kit.newFlow(workspaceId, editor);
    let held!: () => void;
    const isHeld = new Promise<void>((resolve) => (held = resolve));
    let release!: () => void;
    const stretch: Stretch = { hold: 2, release: new Promise((resolve) => (release = resolve)), held };
    const ports: FlowsPorts = { ...runtime.use(flowPorts), heads: createFlowHeadStore(stretchedHeads(kit.db, stretch)) };
    const edits = createFlowEditService(ports);
    const caller = { userId: editor.id, access: async () => 'granted' as const };

    /** Retries on 412 until its screen is in: every writer commits exactly one version. */
    const writer = async (index: number) => {
      for (;;) {
        const current = (await kit.db.collection('flow_versions').find({ flowId }).sort({ versionNumber: -1 }).limit(1).toArray())[0];
        try {
          await edits.apply(caller, flowId, [current?.versionNumber as number], [addScreen(`w${index}`, 400 + index * 100)] as never);
          return;
        } catch (error) {
          if (!isDomainError(error) || error.code !== 'VERSION_CONFLICT') throw error;
        }
      }
    };
    const writers = 21;
    let finished = 0;
    const all = Promise.all(
      Array.from({ length: writers }, async (_, index) => {
        await writer(index);
        finished += 1;
      }),
    );
    await isHeld;
    // The held head write belongs to one writer (or a reader repairing for one): release it once every other one is done.
    while (finished < writers - 1) await pause(20);
    release();
    await all;

    const head = await kit.db.collection(flowHeadCollection.name).findOne({ _id: flowId as never });
    expect({ versionNumber: head?.versionNumber, nodeCount: head?.nodeCount }).toEqual({
      versionNumber: writers + 1,
      nodeCount: 2 + writers,
    });
  }, 120_000);
});
