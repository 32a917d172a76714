import { Client, Connection } from '@temporalio/client';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { dataDir } from '../../launcher/paths';
import { loadConfig, temporalConnectionOptions } from '../config';
import { exportCustomer } from '../privacy/exportCustomer';
import { loadMasterKeys } from '../privacy/masterKeys';
import { retentionCommand, retentionUsage } from '../privacy/retentionCli';
import { dataKeysDb, payloadEncryption } from '../privacy/payloadEncryption';
import { AccessAuditStore } from '../store/accessAudit';
import { CustomerStore } from '../store/customers';
import { connectMongo } from '../store/mongo';

/**
 * `npm run privacy -- export <customerId|email> > customer.json`: everything Relais holds on one
 * customer as one JSON document (README "Personal data"); progress goes to stderr. The export
 * is logged in the access log under the system user running it.
 */
const usage = `usage: npm run privacy -- export <customerId|email> > customer.json
       ${retentionUsage}`;

async function exportCommand(who: string): Promise<number> {
  const config = loadConfig();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const mongo = await connectMongo(config.MONGODB_URI);
  const keysDb = await dataKeysDb(config.RELAIS_DATA_KEYS_URI, () => mongo.db);
  const connection = await Connection.connect(temporalConnectionOptions(config));
  try {
    const customers = new CustomerStore(mongo.db);
    const customer = who.includes('@')
      ? await customers.find({ email: who })
      : await customers.get(who);
    if (!customer) {
      log(`no customer ${who}`);
      return 1;
    }
    const { codec, dataConverter } = payloadEncryption(
      keysDb.db,
      loadMasterKeys(config, join(dataDir, 'master.key'), log),
    );
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
    const doc = await exportCustomer({ db: mongo.db, client, codec, progress: log }, customer._id);
    const actor = `cli:${userInfo().username}`;
    await new AccessAuditStore(mongo.db).append({
      actor,
      actorName: actor,
      action: 'export',
      customerId: customer._id,
      caseId: null,
    });
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    log(`exported customer ${customer._id}`);
    return 0;
  } finally {
    await connection.close();
    await keysDb.close();
    await mongo.close();
  }
}

const [command, arg] = process.argv.slice(2);
if (command === 'export' && arg) process.exitCode = await exportCommand(arg);
else if (command === 'retention') process.exitCode = await retentionCommand(process.argv.slice(3));
else {
  console.error(usage);
  process.exitCode = 2;
}
