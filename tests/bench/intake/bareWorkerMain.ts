/** The baseline's worker process: the empty workflow only, on its own task queue. */
import { NativeConnection, Worker } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';

const address = process.env.TEMPORAL_ADDRESS;
const taskQueue = process.env.TEMPORAL_TASK_QUEUE;
if (!address || !taskQueue)
  throw new Error('TEMPORAL_ADDRESS and TEMPORAL_TASK_QUEUE are required');
const connection = await NativeConnection.connect({ address });
const worker = await Worker.create({
  connection,
  taskQueue,
  workflowsPath: fileURLToPath(new URL('./bareWorkflow.ts', import.meta.url)),
});
console.log(`[bare-worker] polling ${taskQueue}`);
await worker.run();
await connection.close();
