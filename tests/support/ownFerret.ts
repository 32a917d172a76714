import { join } from 'node:path';
import { inject } from 'vitest';
import { freePort } from '../../launcher/ports';
import { postgresUrlFor, startPostgres } from '../../launcher/postgres';
import type { ManagedProcess } from '../../launcher/process';
import type { FerretOptions } from '../../launcher/services';

/**
 * Options for a FerretDB of a test's own, on the run's store engine, that the test may stop and
 * start again (same port, same data) to cut the database off. On PostgreSQL, the server under
 * it is started here and stays up: `postgres` is the caller's to stop.
 */
export async function ownFerret(
  dir: string,
): Promise<{ options: FerretOptions; postgres?: ManagedProcess }> {
  const port = await freePort();
  const options: FerretOptions = {
    port,
    dataDir: join(dir, 'ferretdb'),
    output: join(dir, `ferretdb-${port}.log`),
    engine: inject('storeEngine'),
  };
  if (options.engine !== 'postgresql') return { options };
  const pgPort = await freePort();
  const postgres = await startPostgres({
    port: pgPort,
    dataDir: join(dir, 'postgres'),
    output: join(dir, `postgres-${pgPort}.log`),
    log: () => {},
  });
  return { options: { ...options, postgresqlUrl: postgresUrlFor(pgPort) }, postgres };
}
