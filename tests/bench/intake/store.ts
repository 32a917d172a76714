import { join } from 'node:path';
import { freePort } from '../../../launcher/ports';
import { startEmbeddedStore, type EmbeddedStore } from '../../../launcher/services';
import type { BenchEngine } from './options';

/** The embedded store on `engine` (FerretDB on SQLite or on PostgreSQL), its data under `dir`. */
export async function startStore(engine: BenchEngine, dir: string): Promise<EmbeddedStore> {
  return startEmbeddedStore({
    engine,
    port: await freePort(),
    dataDir: join(dir, 'store'),
    output: join(dir, 'store.log'),
  });
}
