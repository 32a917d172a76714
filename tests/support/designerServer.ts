import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { designerBodyLimit } from '../../launcher/designerBodyLimit';
import { designerEntry } from '../../launcher/designerBuild';
import { freePort, waitForPort } from '../../launcher/ports';
import { spawnManaged, type ManagedProcess } from '../../launcher/process';
import { repoRoot } from '../../launcher/paths';
import { loadConfig } from '../../worker/config';
import { ApiTokenStore, apiScopes } from '../../worker/store/apiTokens';
import { connectMongo } from '../../worker/store/mongo';
import { privacyEnv } from './privacy';

export interface DesignerServer {
  url: string;
  process: ManagedProcess;
  /** A live API token with every scope, in the test's database. */
  token: string;
  /** The header that sends it: spread into a fetch's headers. */
  auth: { authorization: string };
}

/** A token with every scope, created as a manager would on the tokens page. */
export async function createApiToken(mongoUri: string): Promise<string> {
  const mongo = await connectMongo(mongoUri);
  try {
    const created = await new ApiTokenStore(mongo.db).create({
      name: 'tests',
      scopes: apiScopes,
      createdBy: 'manager',
    });
    return created.token;
  } finally {
    await mongo.close();
  }
}

/** The built designer (`npm run build`) as a real HTTP server against the test servers. */
export async function startDesigner(opts: {
  mongoUri: string;
  taskQueue: string;
  env?: Record<string, string>;
}): Promise<DesignerServer> {
  if (!existsSync(designerEntry))
    throw new Error(`${designerEntry} is missing: run \`npm run build\` before the tests`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawnManaged({
    name: 'designer',
    command: process.execPath,
    args: [designerEntry],
    cwd: repoRoot,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      ORIGIN: url,
      MONGODB_URI: opts.mongoUri,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: opts.taskQueue,
      SHUTDOWN_TIMEOUT: '1',
      BODY_SIZE_LIMIT: designerBodyLimit(loadConfig({ ...opts.env })),
      ...privacyEnv(),
      ...opts.env,
    },
    output: join(inject('tmpDir'), `designer-${port}.log`),
  });
  await waitForPort(port, 30_000);
  const token = await createApiToken(opts.mongoUri);
  return { url, process: proc, token, auth: { authorization: `Bearer ${token}` } };
}
