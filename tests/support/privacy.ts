import type { DataConverter } from '@temporalio/common';
import { inject } from 'vitest';
import { masterKeyFrom } from '../../worker/privacy/masterKeys';
import { payloadEncryption, type PayloadEncryption } from '../../worker/privacy/payloadEncryption';
import { connectMongo } from '../../worker/store/mongo';

/** The tests' master key: fixed, so that every process of a run unwraps the same data keys. */
export const testMasterKey = Buffer.alloc(32, 'relais-tests').toString('base64');

/**
 * One data-key database for the whole run, on the shared FerretDB: clients, workers, spawned
 * designers and the end-of-run replay all find the keys of the payloads they meet, whichever
 * test database (or FerretDB of its own) holds the rest.
 */
export const testDataKeysUri = () => inject('mongoUri').replace(/\/[^/]*$/, '/relais-test-keys');

/** The environment that gives a spawned worker or designer the tests' keys. */
export const privacyEnv = () => ({
  RELAIS_MASTER_KEY: testMasterKey,
  RELAIS_DATA_KEYS_URI: testDataKeysUri(),
});

let shared: Promise<PayloadEncryption> | undefined;

/** The codec of Relais on the run's keys. */
export function testEncryption(): Promise<PayloadEncryption> {
  shared ??= connectMongo(testDataKeysUri()).then((mongo) =>
    payloadEncryption(() => mongo.db, { current: masterKeyFrom(testMasterKey), previous: [] }),
  );
  return shared;
}

export async function testDataConverter(): Promise<DataConverter> {
  return (await testEncryption()).dataConverter;
}
