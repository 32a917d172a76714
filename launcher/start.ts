import { join } from 'node:path';
import { dataDir, repoRoot } from './paths';
import { buildDesigner, designerBuildIsStale, designerEntry } from './designerBuild';
import { isPortInUse, waitForPort } from './ports';
import { spawnManaged, type ManagedProcess } from './process';
import { provisionOrExit } from './provision';
import { logFile, mongoUriFor, startFerretDb, startTemporalDevServer } from './services';

/**
 * `npm start`: embedded Temporal and FerretDB unless TEMPORAL_ADDRESS / MONGODB_URI point at
 * existing servers, then the worker and the designer. Ctrl-C stops everything in reverse order.
 */
const env = process.env;
const ports = {
  temporal: Number(env.RELAIS_TEMPORAL_PORT ?? 7233),
  temporalUi: Number(env.RELAIS_TEMPORAL_UI_PORT ?? 8233),
  mongo: Number(env.RELAIS_MONGO_PORT ?? 27017),
  designer: Number(env.PORT ?? 3000),
};
const children: ManagedProcess[] = [];
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

function watch(child: ManagedProcess): ManagedProcess {
  children.push(child);
  void child.exited.then((code) => {
    if (shuttingDown) return;
    console.error(`[relais] ${child.name} exited unexpectedly (code ${code}); see its log above.`);
    void shutdown(1);
  });
  return child;
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

if (env.TEMPORAL_ADDRESS) {
  console.log(`[relais] using Temporal at ${env.TEMPORAL_ADDRESS}`);
} else {
  await requireFreePort(ports.temporal, 'Temporal frontend', 'RELAIS_TEMPORAL_PORT');
  await requireFreePort(ports.temporalUi, 'Temporal UI', 'RELAIS_TEMPORAL_UI_PORT');
  console.log('[relais] starting Temporal dev server…');
  watch(
    await startTemporalDevServer({
      port: ports.temporal,
      uiPort: ports.temporalUi,
      dbFile: join(dataDir, 'temporal.db'),
      namespace: env.TEMPORAL_NAMESPACE ?? 'default',
      output: logFile(dataDir, 'temporal'),
    }),
  );
  childEnv.TEMPORAL_ADDRESS = `127.0.0.1:${ports.temporal}`;
}

if (env.MONGODB_URI) {
  console.log('[relais] using the MongoDB at MONGODB_URI');
} else {
  await requireFreePort(ports.mongo, 'FerretDB (MongoDB protocol)', 'RELAIS_MONGO_PORT');
  console.log('[relais] starting FerretDB…');
  watch(
    await startFerretDb({
      port: ports.mongo,
      dataDir: join(dataDir, 'ferretdb'),
      output: logFile(dataDir, 'ferretdb'),
    }),
  );
  childEnv.MONGODB_URI = mongoUriFor(ports.mongo);
}

await requireFreePort(ports.designer, 'designer', 'PORT');
if (designerBuildIsStale()) {
  console.log('[relais] building the designer…');
  await buildDesigner();
}

console.log('[relais] starting the worker…');
watch(
  spawnManaged({
    name: 'worker',
    command: process.execPath,
    args: ['--import', 'tsx', join(repoRoot, 'worker', 'main.ts')],
    env: childEnv,
    cwd: repoRoot,
    output: 'inherit',
  }),
);

const origin = `http://localhost:${ports.designer}`;
watch(
  spawnManaged({
    name: 'designer',
    command: process.execPath,
    args: [designerEntry],
    env: {
      ...childEnv,
      PORT: String(ports.designer),
      HOST: '127.0.0.1',
      ORIGIN: origin,
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
  Inbound API     POST ${origin}/api/inbound/webform
  Temporal UI     ${env.TEMPORAL_ADDRESS ? '(your cluster’s UI)' : `http://localhost:${ports.temporalUi}`}
  Data            ${dataDir}${env.MONGODB_URI ? '' : ' (FerretDB in ferretdb/, Temporal in temporal.db, logs/)'}
Press Ctrl-C to stop.
`);
