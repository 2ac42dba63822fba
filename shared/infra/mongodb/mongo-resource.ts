import { MongoClient, type Db } from 'mongodb';
import { z } from 'zod';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';

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

/** How long after a failed connect the client tries again (each try then waits serverSelectionTimeoutMS). */
const reconnectDelayMs = 1000;

/**
 * A client that reconnects after a failed connect. The driver connects on the first operation, and
 * when that connect fails (an instance started while the database was unreachable) it closes its
 * topology and stays closed: every later operation fails at once with "Topology is closed" until
 * `connect()` is called again, so the instance would never recover without a restart. A closing
 * nobody asked for is therefore followed by another `connect()` a second later, until one succeeds;
 * meanwhile operations fail fast (MongoTopologyClosedError, a 503 like any network error). A
 * connected client recovers from a lost server by itself (its monitor keeps checking).
 */
export const createMongoClient = (uri: string, maxPoolSize: number): MongoClient => {
  const client = new MongoClient(uri, { maxPoolSize, serverSelectionTimeoutMS: 3000, connectTimeoutMS: 3000, appName: 'uxflow' });
  let isClosedByUs = false;
  const close = client.close.bind(client);
  client.close = (force?: boolean) => {
    isClosedByUs = true;
    return close(force);
  };
  client.on('topologyClosed', () => {
    if (isClosedByUs) return;
    setTimeout(() => {
      if (!isClosedByUs) client.connect().catch(() => undefined);
    }, reconnectDelayMs).unref();
  });
  return client;
};

/** The MongoDB database. The driver connects on first operation, not here. */
export const mongo = defineResource({
  name: 'mongodb',
  config: mongoConfig,
  recipient: { name: 'MongoDB Atlas', role: 'database hosting (processor)' },
  create: (config): Mongo => {
    const client = createMongoClient(config.MONGODB_URI, config.MONGODB_MAX_POOL_SIZE);
    return { client, db: client.db(config.MONGODB_DB) };
  },
  dispose: (value) => value.client.close(),
  // The driver shares this connect with the first operation's own.
  warm: (value) => value.client.connect(),
});
