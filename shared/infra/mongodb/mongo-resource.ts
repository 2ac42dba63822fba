import { MongoClient, type Db } from 'mongodb';
import { z } from 'zod';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { isTracing, mongoCommandTracer } from '../../platform/telemetry/telemetry.ts';

export const mongoConfig = defineConfig({
  name: 'mongodb',
  shape: {
    /** Connection string; FerretDB locally, MongoDB Atlas in production. */
    MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI'),
    MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be a database name'),
    /** Small pools: an instance serves a handful of concurrent requests. */
    MONGODB_MAX_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
  },
  devDefaults: { MONGODB_URI: 'mongodb://127.0.0.1:27017', MONGODB_DB: 'uxflow_dev' },
});

export interface Mongo {
  client: MongoClient;
  db: Db;
}

/** The MongoDB database. The driver connects on first operation, not here. */
export const mongo = defineResource({
  name: 'mongodb',
  config: mongoConfig,
  recipient: { name: 'MongoDB Atlas', role: 'database hosting (processor)' },
  create: (config): Mongo => {
    const client = new MongoClient(config.MONGODB_URI, {
      maxPoolSize: config.MONGODB_MAX_POOL_SIZE,
      serverSelectionTimeoutMS: 3000,
      connectTimeoutMS: 3000,
      appName: 'uxflow',
      // Command events only when traced: each costs an object per command.
      monitorCommands: isTracing(),
    });
    if (isTracing()) {
      // Looked up per event: the client can be made (warm-up) before the SDK has loaded.
      client.on('commandStarted', (event) => mongoCommandTracer()?.started(event));
      client.on('commandSucceeded', (event) => mongoCommandTracer()?.succeeded(event));
      client.on('commandFailed', (event) => mongoCommandTracer()?.failed(event));
    }
    return { client, db: client.db(config.MONGODB_DB) };
  },
  dispose: (value) => value.client.close(),
  // The driver shares this connect with the first operation's own.
  warm: (value) => value.client.connect(),
});
