import { MongoClient, type Db } from 'mongodb';

export interface Mongo {
  client: MongoClient;
  db: Db;
  close(): Promise<void>;
}

/** Connects and fails fast with the URI in the message, instead of hanging on a wrong host. */
export async function connectMongo(uri: string): Promise<Mongo> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`cannot reach MongoDB at ${uri}: ${(err as Error).message}`, { cause: err });
  }
  return { client, db: client.db(), close: () => client.close() };
}

export const isDuplicateKey = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
