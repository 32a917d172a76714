import { join } from 'node:path';
import { loadConfig } from '../worker/config';
import { dataDir, repoRoot } from './paths';
import { designerBodyLimit } from './designerBodyLimit';
import { buildDesigner, designerBuildIsStale, designerEntry } from './designerBuild';
import { isPortInUse, waitForPort } from './ports';
import { spawnManaged, type ManagedProcess } from './process';
import { provisionOrExit } from './provision';
import { postgresUrlFor, startPostgres } from './postgres';
import {
  logFile,
  mongoUriFor,
  sqliteDataIn,
  startFerretDb,
  startTemporalDevServer,
} from './services';
import { supervise, type Supervised } from './supervisor';
import { workerHeapArgs } from './workerHeap';
import { setNamespaceRetention } from '../worker/privacy/retentionNamespace';

/**
 * `npm start`: embedded Temporal and FerretDB (on PostgreSQL by default) unless TEMPORAL_ADDRESS / MONGODB_URI point at
 * existing servers, then the worker and the designer. A child that dies is restarted with a
 * backoff (the others keep serving); Ctrl-C stops everything in reverse order.
 */
const config = loadConfig();
const ports = {
  temporal: config.RELAIS_TEMPORAL_PORT,
  temporalUi: config.RELAIS_TEMPORAL_UI_PORT,
  mongo: config.RELAIS_MONGO_PORT,
  postgres: config.RELAIS_POSTGRES_PORT,
  designer: config.PORT,
};
const children: Supervised[] = [];
let shuttingDown = false;

async function shutdown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    console.log('\n[relais] stopping…');
    for (const child of [...children].reverse()) {
      await child.stop();
      console.log(`[relais] ${child.name} stopped`);
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function keepRunning(name: string, start: () => Promise<ManagedProcess>): Promise<void> {
  children.push(await supervise(name, start));
}

async function requireFreePort(port: number, what: string, envVar: string): Promise<void> {
  if (await isPortInUse(port)) {
    console.error(
      `[relais] port ${port} (${what}) is already in use. Stop whatever listens there ` +
        `(ss -ltnp 'sport = :${port}'), or choose another port with ${envVar}=<port>.`,
    );
    await shutdown(1);
  }
}

await provisionOrExit();
const childEnv: NodeJS.ProcessEnv = {};
// The worker writes the master key there on first start; the designer reads the same file.
if (!config.RELAIS_MASTER_KEY_FILE) childEnv.RELAIS_MASTER_KEY_FILE = join(dataDir, 'master.key');
// The same for the secret of customers' status links: the worker signs, the designer checks.
if (!config.RELAIS_LINK_SECRET_FILE)
  childEnv.RELAIS_LINK_SECRET_FILE = join(dataDir, 'link.secret');

if (!config.embedded.temporal) {
  console.log(`[relais] using Temporal at ${config.TEMPORAL_ADDRESS}`);
} else {
  await requireFreePort(ports.temporal, 'Temporal frontend', 'RELAIS_TEMPORAL_PORT');
  await requireFreePort(ports.temporalUi, 'Temporal UI', 'RELAIS_TEMPORAL_UI_PORT');
  console.log('[relais] starting Temporal dev server…');
  await keepRunning('temporal', () =>
    startTemporalDevServer({
      port: ports.temporal,
      uiPort: ports.temporalUi,
      dbFile: join(dataDir, 'temporal.db'),
      namespace: config.TEMPORAL_NAMESPACE,
      output: logFile(dataDir, 'temporal'),
      uiCodecEndpoint: `http://localhost:${ports.designer}/api/temporal-codec`,
    }).then(async (server) => {
      // Closed workflows are kept this long, then Temporal deletes them (README "Personal data").
      await setNamespaceRetention(
        `127.0.0.1:${ports.temporal}`,
        config.TEMPORAL_NAMESPACE,
        config.RELAIS_TEMPORAL_RETENTION_DAYS,
      );
      return server;
    }),
  );
  childEnv.TEMPORAL_ADDRESS = `127.0.0.1:${ports.temporal}`;
}

if (!config.embedded.mongo) {
  console.log('[relais] using the MongoDB at MONGODB_URI');
} else {
  const engine = config.RELAIS_STORE_ENGINE;
  await requireFreePort(ports.mongo, 'FerretDB (MongoDB protocol)', 'RELAIS_MONGO_PORT');
  let postgresqlUrl: string | undefined;
  if (engine === 'postgresql') {
    await requireFreePort(ports.postgres, 'PostgreSQL', 'RELAIS_POSTGRES_PORT');
    const earlier = sqliteDataIn(join(dataDir, 'ferretdb'));
    if (earlier)
      console.log(
        `[relais] the data of earlier starts is in ${earlier} (FerretDB on SQLite); this start ` +
          `uses PostgreSQL, in ${join(dataDir, 'postgres')}. To keep using the earlier data: ` +
          'RELAIS_STORE_ENGINE=sqlite npm start',
      );
    console.log('[relais] starting PostgreSQL…');
    await keepRunning('postgres', () =>
      startPostgres({
        port: ports.postgres,
        dataDir: join(dataDir, 'postgres'),
        output: logFile(dataDir, 'postgres'),
      }),
    );
    postgresqlUrl = postgresUrlFor(ports.postgres);
  }
  console.log(
    `[relais] starting FerretDB on ${engine === 'postgresql' ? 'PostgreSQL' : 'SQLite'}…`,
  );
  await keepRunning('ferretdb', () =>
    startFerretDb({
      port: ports.mongo,
      dataDir: join(dataDir, 'ferretdb'),
      output: logFile(dataDir, 'ferretdb'),
      engine,
      postgresqlUrl,
    }),
  );
  childEnv.MONGODB_URI = mongoUriFor(ports.mongo);
}

await requireFreePort(ports.designer, 'designer', 'PORT');
if (designerBuildIsStale()) {
  console.log('[relais] building the designer…');
  await buildDesigner();
}

// Without a relay, customers' mail is caught for the developer to read on /dev/mail.
if (!config.SMTP_URL) childEnv.RELAIS_DEV_MAIL_SINK = 'true';
console.log('[relais] starting the worker…');
await keepRunning('worker', async () =>
  spawnManaged({
    name: 'worker',
    command: process.execPath,
    args: [
      ...workerHeapArgs(config.RELAIS_WORKER_MEMORY_MB),
      '--import',
      'tsx',
      join(repoRoot, 'worker', 'main.ts'),
    ],
    env: childEnv,
    cwd: repoRoot,
    output: 'inherit',
  }),
);

const origin = `http://localhost:${ports.designer}`;
await keepRunning('designer', async () =>
  spawnManaged({
    name: 'designer',
    command: process.execPath,
    args: [designerEntry],
    env: {
      ...childEnv,
      PORT: String(ports.designer),
      HOST: '127.0.0.1',
      ORIGIN: origin,
      BODY_SIZE_LIMIT: designerBodyLimit(config),
      SHUTDOWN_TIMEOUT: '2',
    },
    cwd: repoRoot,
    output: 'inherit',
  }),
);
await waitForPort(ports.designer, 60_000);

console.log(`
Relais is running.
  Designer        ${origin}   (demo logins: manager / relais-manager, agent / relais-agent)
  Inbound API     POST ${origin}/api/inbound/webform   (Bearer token: ${join(dataDir, 'demo-token')})
  Email in        smtp://localhost:${config.RELAIS_SMTP_PORT} (any mail client)   mail sent: ${config.SMTP_URL ? 'through SMTP_URL' : `${origin}/dev/mail`}
  Temporal UI     ${config.embedded.temporal ? `http://localhost:${ports.temporalUi}` : '(your cluster’s UI)'}
  Data            ${dataDir}${config.embedded.mongo ? ` (${config.RELAIS_STORE_ENGINE === 'postgresql' ? 'PostgreSQL in postgres/' : 'FerretDB on SQLite in ferretdb/'}, Temporal in temporal.db, logs/)` : ''}
Press Ctrl-C to stop.
`);
