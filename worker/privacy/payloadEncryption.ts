import {
  defaultPayloadConverter,
  type DataConverter,
  type LoadedDataConverter,
} from '@temporalio/common';
import type { Db } from 'mongodb';
import { connectMongo, type Mongo } from '../store/mongo';
import { DataKeyStore } from '../store/dataKeys';
import { EncryptionCodec } from './encryptionCodec';
import { encodingFailureConverter, failureConverterPath } from './failureEncoding';
import { KeyChoice } from './keyChoice';
import { KeyRing, type KeyRingOptions } from './keyRing';
import type { MasterKeys } from './masterKeys';

/**
 * The data keys' database: RELAIS_DATA_KEYS_URI when set (its own client, closed with
 * `close`), else the data's own (`dataDb`, which may change after an outage).
 */
export async function dataKeysDb(
  keysUri: string | undefined,
  dataDb: () => Db,
): Promise<{ db: () => Db; close: () => Promise<void> }> {
  if (!keysUri) return { db: dataDb, close: async () => {} };
  const mongo: Mongo = await connectMongo(keysUri);
  return { db: () => mongo.db, close: () => mongo.close() };
}

export interface PayloadEncryption {
  /**
   * For every Client, Worker, test environment and replay of Relais. Loaded for clients (the
   * SDK takes it as it is), with the failure converter's path for Workers (they require() it).
   */
  dataConverter: DataConverter & LoadedDataConverter;
  codec: EncryptionCodec;
  keys: KeyRing;
}

/**
 * The one data converter of Relais: payloads, and failures' messages and stack traces, encrypted with data keys kept in `db()`, read
 * on each use so that a MongoDB client swapped after an outage (MongoKeeper) serves the codec.
 */
export function payloadEncryption(
  db: () => Db,
  masters: MasterKeys,
  options?: KeyRingOptions,
): PayloadEncryption {
  let current: { db: Db; store: DataKeyStore } | undefined;
  const store = () => {
    const now = db();
    if (current?.db !== now) current = { db: now, store: new DataKeyStore(now) };
    return current.store;
  };
  const keys = new KeyRing(store, masters, options);
  const codec = new EncryptionCodec(keys, new KeyChoice(store));
  const dataConverter = {
    payloadConverter: defaultPayloadConverter,
    failureConverter: encodingFailureConverter,
    failureConverterPath: failureConverterPath(),
    payloadCodecs: [codec],
  };
  return { dataConverter, codec, keys };
}
