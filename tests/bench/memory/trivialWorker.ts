/** The baseline worker of `npm run bench:memory`: trivial workflows, the same cache as Relais. */
import { NativeConnection, Worker } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const connection = await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') });
const worker = await Worker.create({
  connection,
  taskQueue: env('TEMPORAL_TASK_QUEUE'),
  workflowsPath: fileURLToPath(new URL('./trivialWorkflows.ts', import.meta.url)),
  maxCachedWorkflows: Number(env('RELAIS_WORKER_CACHE')),
});
console.log('[worker] polling');
await worker.run();
await connection.close();
