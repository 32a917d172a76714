import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { inject } from 'vitest';
import { startDesigner, type DesignerServer } from './designerServer';
import { testDataConverter } from './privacy';
import { createRelaisWorker, type RelaisTestWorker } from './relaisWorker';

export interface DevStack {
  relais: RelaisTestWorker;
  client: Client;
  /** The built designer, when asked for. */
  designer: DesignerServer | null;
  stop(): Promise<void>;
}

/**
 * Relais as it runs for real, on the run's Temporal dev server and FerretDB: the worker running
 * in the background on its own task queue and database, a client, and optionally the designer.
 */
export async function startDevStack(
  opts: { designer?: boolean; designerEnv?: Record<string, string> } = {},
): Promise<DevStack> {
  const address = inject('temporalAddress');
  const workerConnection = await NativeConnection.connect({ address });
  const clientConnection = await Connection.connect({ address });
  const relais = await createRelaisWorker(workerConnection);
  let stopWorker = () => {};
  const running = relais.run(() => new Promise<void>((resolve) => (stopWorker = resolve)));
  const designer = opts.designer
    ? await startDesigner({
        mongoUri: relais.mongoUri,
        taskQueue: relais.taskQueue,
        env: opts.designerEnv,
      })
    : null;
  return {
    relais,
    client: new Client({ connection: clientConnection, dataConverter: await testDataConverter() }),
    designer,
    stop: async () => {
      await designer?.process.stop();
      stopWorker();
      await running;
      await clientConnection.close();
      await workerConnection.close();
    },
  };
}
