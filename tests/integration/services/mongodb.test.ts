import { randomUUID } from 'node:crypto';
import { MongoClient, MongoServerError, type Collection, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServices } from '../../../scripts/services/index.ts';
import { requiredEnv, servicesHookTimeoutMs } from '../../support/required-env.ts';

type LedgerEntry = { aggregateId: string; seq: number; amount: number; schemaVersion: number };

// One database per file (and per run) so files and reruns never see each other's data.
const databaseName = `it_services_mongodb_${randomUUID().slice(0, 8)}`;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  const env = await ensureServices({ only: ['mongodb'] });
  client = new MongoClient(requiredEnv(env, 'MONGODB_URI'), { serverSelectionTimeoutMS: 10_000, maxPoolSize: 25 });
  await client.connect();
  db = client.db(databaseName);
}, servicesHookTimeoutMs);

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

describe('FerretDB through the mongodb driver', () => {
  it('should return the stored document when it was inserted', async () => {
    const flows = db.collection('flows');
    const { insertedId } = await flows.insertOne({ name: 'Checkout', steps: ['cart', 'pay'], schemaVersion: 1 });

    const found = await flows.findOne({ _id: insertedId });

    expect(found).toMatchObject({ name: 'Checkout', steps: ['cart', 'pay'], schemaVersion: 1 });
  });

  it('should apply the change when a document is updated by id', async () => {
    const flows = db.collection('flows');
    const { insertedId } = await flows.insertOne({ name: 'Signup', schemaVersion: 1 });

    const result = await flows.updateOne({ _id: insertedId }, { $set: { name: 'Sign-up' } });

    expect(result.modifiedCount).toBe(1);
    expect(await flows.findOne({ _id: insertedId })).toMatchObject({ name: 'Sign-up' });
  });

  it('should find nothing when the document was deleted', async () => {
    const flows = db.collection('flows');
    const { insertedId } = await flows.insertOne({ name: 'Onboarding', schemaVersion: 1 });

    const result = await flows.deleteOne({ _id: insertedId });

    expect(result.deletedCount).toBe(1);
    expect(await flows.findOne({ _id: insertedId })).toBeNull();
  });

  describe('unique index on (aggregateId, seq)', () => {
    let entries: Collection<LedgerEntry>;

    beforeAll(async () => {
      entries = db.collection<LedgerEntry>('ledger_entries');
      await entries.createIndex({ aggregateId: 1, seq: 1 }, { unique: true, name: 'aggregate_seq_unique' });
    });

    it('should accept exactly one insert when 20 concurrent inserts share the same key', async () => {
      const aggregateId = `acct_${randomUUID()}`;

      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, amount) => entries.insertOne({ aggregateId, seq: 1, amount, schemaVersion: 1 })),
      );

      const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(rejected).toHaveLength(19);
      for (const outcome of rejected) {
        expect(outcome.reason).toBeInstanceOf(MongoServerError);
        expect((outcome.reason as MongoServerError).code).toBe(11000);
      }
      expect(await entries.countDocuments({ aggregateId })).toBe(1);
    });

    it('should accept every insert when the sequence numbers differ', async () => {
      const aggregateId = `acct_${randomUUID()}`;

      await Promise.all(Array.from({ length: 5 }, (_, seq) => entries.insertOne({ aggregateId, seq, amount: 1, schemaVersion: 1 })));

      expect(await entries.countDocuments({ aggregateId })).toBe(5);
    });
  });
});
