import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../launcher/ports';
import type { ManagedProcess } from '../../launcher/process';
import { temporalTestServerBin, temporalBin, repoRoot } from '../../launcher/paths';
import { startEmbeddedStore, startTemporalDevServer } from '../../launcher/services';
import {
  defaultStoreEngine,
  mongoUriFor,
  type StoreEngine,
  StoreEngineSchema,
} from '../../worker/config';
import { workflowBundleOptions } from '../../worker/workflowBundle';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    storeEngine: StoreEngine;
    temporalAddress: string;
    workflowBundlePath: string;
    temporalTestServerBin: string;
    temporalBin: string;
    tmpDir: string;
  }
}

/**
 * Real servers for the whole run, on free ports and in a temporary folder (never .data/):
 * FerretDB (on PostgreSQL by default) and a Temporal dev server. Workflows are bundled once and shared by every file.
 */
export default async function setup(project: TestProject) {
  const tmpDir = mkdtempSync(join(tmpdir(), 'relais-test-'));
  const started: ManagedProcess[] = [];
  const teardown = async () => {
    // FerretDB before the PostgreSQL under it.
    for (const p of [...started].reverse()) await p.stop();
    rmSync(tmpDir, { recursive: true, force: true });
  };
  try {
    const mongoPort = await freePort();
    // The engine `npm start` defaults to, unless RELAIS_STORE_ENGINE names the other.
    const engine = StoreEngineSchema.parse(process.env.RELAIS_STORE_ENGINE ?? defaultStoreEngine);
    const store = await startEmbeddedStore({
      engine,
      port: mongoPort,
      dataDir: tmpDir,
      output: join(tmpDir, 'ferretdb.log'),
    });
    started.push(...store.processes);
    const temporalPort = await freePort();
    started.push(
      await startTemporalDevServer({
        port: temporalPort,
        uiPort: await freePort(),
        dbFile: join(tmpDir, 'temporal.db'),
        namespace: 'default',
        output: join(tmpDir, 'temporal.log'),
      }),
    );
    const { code } = await bundleWorkflowCode({
      ...workflowBundleOptions(repoRoot),
      logger: {
        log() {},
        trace() {},
        debug() {},
        info() {},
        warn: console.warn,
        error: console.error,
      },
    });
    const workflowBundlePath = join(tmpDir, 'workflow-bundle.js');
    writeFileSync(workflowBundlePath, code);

    project.provide('mongoUri', mongoUriFor(mongoPort, 'relais-test'));
    project.provide('storeEngine', engine);
    project.provide('temporalAddress', `127.0.0.1:${temporalPort}`);
    project.provide('workflowBundlePath', workflowBundlePath);
    project.provide('temporalTestServerBin', temporalTestServerBin);
    project.provide('temporalBin', temporalBin);
    project.provide('tmpDir', tmpDir);
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}
