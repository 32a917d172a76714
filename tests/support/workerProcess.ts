import { join } from 'node:path';
import { inject } from 'vitest';
import { repoRoot } from '../../launcher/paths';
import { spawnManaged, type ManagedProcess } from '../../launcher/process';
import { privacyEnv } from './privacy';

/** The real worker process (`npm run worker`), as production runs it, logging to the run's folder. */
export function startWorkerProcess(opts: {
  mongoUri: string;
  taskQueue: string;
  name: string;
  env?: Record<string, string>;
}): ManagedProcess {
  return spawnManaged({
    name: opts.name,
    command: process.execPath,
    args: ['--import', 'tsx', join(repoRoot, 'worker', 'main.ts')],
    cwd: repoRoot,
    env: {
      MONGODB_URI: opts.mongoUri,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: opts.taskQueue,
      // Never the repository's .data/ (the demo token of a first start is kept there).
      RELAIS_DATA_DIR: inject('tmpDir'),
      ...privacyEnv(),
      ...opts.env,
    },
    output: join(inject('tmpDir'), `${opts.name}-${opts.taskQueue}.log`),
  });
}
