import { join } from 'node:path';
import { freePort } from '../../../launcher/ports';
import { mongoUriFor, startFerretDb } from '../../../launcher/services';
import type { BenchEngine } from './options';

export interface Store {
  engine: BenchEngine;
  uri(db: string): string;
  stop(): Promise<void>;
}

/** The embedded store on `engine`, its data under `dir`. */
export async function startStore(engine: BenchEngine, dir: string): Promise<Store> {
  if (engine !== 'sqlite') throw new Error(`the ${engine} engine is not available yet`);
  const port = await freePort();
  const ferret = await startFerretDb({
    port,
    dataDir: join(dir, 'ferretdb'),
    output: join(dir, 'ferretdb.log'),
  });
  return { engine, uri: (db) => mongoUriFor(port, db), stop: () => ferret.stop() };
}
