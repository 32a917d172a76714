import {
  MongoClient,
  type Collection,
  type Db,
  type MongoClientOptions,
  type OptionalUnlessRequiredId,
} from 'mongodb';

export interface Mongo {
  client: MongoClient;
  db: Db;
  close(): Promise<void>;
}

/**
 * Driver settings for a database that may go away for a while: every operation fails well
 * within an activity's 30 s start-to-close timeout instead of hanging on a dead socket, so
 * Temporal retries it; a server that comes back is noticed within seconds (heartbeat); the pool
 * is bounded, and a request waits for a connection at most as long as for a server.
 */
export const mongoClientOptions: MongoClientOptions = {
  serverSelectionTimeoutMS: 10_000,
  connectTimeoutMS: 5_000,
  socketTimeoutMS: 20_000,
  heartbeatFrequencyMS: 2_000,
  maxPoolSize: 20,
  waitQueueTimeoutMS: 10_000,
};

/** Connects and fails fast with the URI in the message, instead of hanging on a wrong host. */
export async function connectMongo(
  uri: string,
  options: MongoClientOptions = mongoClientOptions,
): Promise<Mongo> {
  const client = new MongoClient(uri, options);
  try {
    await client.connect();
  } catch (err) {
    await client.close(true).catch(() => {});
    throw new Error(`cannot reach MongoDB at ${uri}: ${(err as Error).message}`, { cause: err });
  }
  return { client, db: client.db(), close: () => client.close() };
}

export const isDuplicateKey = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;

/**
 * Inserts a document unless its `_id` exists; true when this call inserted it. Used instead of an
 * upsert with `$setOnInsert`, whose null fields FerretDB 1.x drops.
 */
export async function insertOnce<T extends { _id: string }>(
  col: Collection<T>,
  doc: OptionalUnlessRequiredId<T>,
): Promise<boolean> {
  try {
    await col.insertOne(doc);
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}
