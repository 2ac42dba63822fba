/**
 * The request log's cost on the authentication path: the first call of a user to a function in a
 * quarter hour (one insert into function_calls) and the later ones (the instance's memory), on the
 * local FerretDB (MONGODB_URI, a database of its own, dropped after).
 * `node_modules/.bin/node scripts/bench/call-log.ts`
 */
import { MongoClient } from 'mongodb';
import { createFunctionCallStore } from '../../shared/infra/mongodb/function-call-store.ts';
import { createFunctionCallLog } from '../../shared/infra/privacy/function-calls-resource.ts';
const client = await MongoClient.connect(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017');
const db = client.db('bench_calllog_' + Date.now());
const log = createFunctionCallLog(
  createFunctionCallStore(db),
  () => new Date(),
  (e) => {
    throw e;
  },
);
const auth = (i: number) => ({ via: 'jwt' as const, userId: `usr_${String(i).padStart(20, '0')}`, sessionId: 's', platformRoles: [] });
for (let i = 0; i < 20; i++) await log.note('warm', auth(i));
let t = performance.now();
for (let i = 0; i < 300; i++) await log.note('flows-get', auth(i));
const first = (performance.now() - t) / 300;
t = performance.now();
for (let i = 0; i < 300; i++) await log.note('flows-get', auth(i));
const again = (performance.now() - t) / 300;
console.log(`first call of a user in a bucket: ${first.toFixed(2)} ms; later calls: ${(again * 1000).toFixed(1)} µs`);
await db.dropDatabase();
await client.close();
