import { connectMongo, type Mongo } from './mongo';

export interface MongoKeeperOptions {
  /** Pause between two health checks (a ping). */
  checkEveryMs: number;
  /** How long pings may fail before a fresh client is tried in place of this one. */
  rebuildAfterMs: number;
  log: (line: string) => void;
}

export const mongoKeeperDefaults: MongoKeeperOptions = {
  checkEveryMs: 5_000,
  rebuildAfterMs: 20_000,
  log: (line) => console.warn(line),
};

/**
 * Keeps the worker's MongoDB client usable across database outages. The driver reconnects by
 * itself in the usual case; a client whose pings still fail after `rebuildAfterMs` is replaced
 * by a fresh one as soon as that one gets through (an audit saw a worker hold no connection for
 * 8 minutes after FerretDB came back). `onReplaced` rebuilds what was built on the old client.
 */
export class MongoKeeper {
  private failingSince: number | null = null;
  private running = false;
  private wake: () => void = () => {};
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly uri: string,
    private mongo: Mongo,
    private readonly onReplaced: (fresh: Mongo) => Promise<void>,
    private readonly opts: MongoKeeperOptions = mongoKeeperDefaults,
  ) {}

  get current(): Mongo {
    return this.mongo;
  }

  /** Checks now, and replaces the client when it has been failing long enough. */
  async check(): Promise<'healthy' | 'failing' | 'replaced'> {
    try {
      await this.mongo.db.command({ ping: 1 }, { timeoutMS: 5_000 });
      if (this.failingSince !== null) this.opts.log('[worker] MongoDB reachable again');
      this.failingSince = null;
      return 'healthy';
    } catch (err) {
      const now = Date.now();
      if (this.failingSince === null) {
        this.failingSince = now;
        this.opts.log(`[worker] MongoDB unreachable: ${(err as Error).message}`);
      }
      if (now - this.failingSince < this.opts.rebuildAfterMs) return 'failing';
      return (await this.replace()) ? 'replaced' : 'failing';
    }
  }

  private async replace(): Promise<boolean> {
    let fresh: Mongo;
    try {
      fresh = await connectMongo(this.uri);
      await fresh.db.command({ ping: 1 }, { timeoutMS: 5_000 });
    } catch {
      return false; // still down: the old client stays, and the next check tries again
    }
    try {
      await this.onReplaced(fresh);
    } catch (err) {
      await fresh.client.close(true).catch(() => {});
      this.opts.log(`[worker] MongoDB client not replaced: ${(err as Error).message}`);
      return false;
    }
    const old = this.mongo;
    this.mongo = fresh;
    this.failingSince = null;
    this.opts.log('[worker] MongoDB client replaced by a fresh one after failing pings');
    void old.client.close(true).catch(() => {});
    return true;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.opts.checkEveryMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (this.running) await this.check();
      }
    })();
  }

  async close(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await this.mongo.client.close(true);
  }
}
