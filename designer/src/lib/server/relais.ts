import { Client, Connection } from '@temporalio/client';
import { loadConfig, temporalConnectionOptions, type Config } from '$worker/config';
import { RuleSetService } from '$worker/rules/ruleSetService';
import { openModeWarning } from '$worker/seed/demoToken';
import { connectMongo } from '$worker/store/mongo';
import { createStores, ensureIndexes, type Stores } from '$worker/store/stores';
import { closeOnShutdown } from './shutdown';
import { join } from 'node:path';
import { loadMasterKeys } from '$worker/privacy/masterKeys';
import {
  dataKeysDb,
  payloadEncryption,
  type PayloadEncryption,
} from '$worker/privacy/payloadEncryption';

export interface Relais {
  config: Config;
  stores: Stores;
  /** Rule sets with roles, checks and the audit log, as the CLI has them. */
  ruleSets: RuleSetService;
  client: Client;
  /** The payload codec, for the Temporal UI's codec endpoint. */
  encryption: PayloadEncryption;
}

let instance: Promise<Relais> | undefined;

async function connect(): Promise<Relais> {
  const config = loadConfig();
  if (config.RELAIS_INBOUND_OPEN) console.warn(openModeWarning);
  const mongo = await connectMongo(config.MONGODB_URI);
  const stores = createStores(mongo.db);
  await ensureIndexes(stores);
  // `npm start` names the key file; the designer runs from the repository root otherwise.
  const masterKeys = loadMasterKeys(config, join('.data', 'master.key'), console.log);
  const keysDb = await dataKeysDb(config.RELAIS_DATA_KEYS_URI, () => mongo.db);
  const encryption = payloadEncryption(keysDb.db, masterKeys);
  const connection = await Connection.connect(temporalConnectionOptions(config));
  const client = new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: encryption.dataConverter,
  });
  closeOnShutdown(async () => {
    await connection.close();
    await mongo.close();
    await keysDb.close();
  });
  return { config, stores, ruleSets: new RuleSetService(mongo.db), client, encryption };
}

/** MongoDB and Temporal clients, created on first use and shared by every request. */
export function relais(): Promise<Relais> {
  instance ??= connect().catch((err: unknown) => {
    instance = undefined;
    throw err;
  });
  return instance;
}
