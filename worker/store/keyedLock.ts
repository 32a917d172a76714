import { Mutex } from 'async-mutex';

/**
 * Turns per key: work on a key waits for the earlier work on it, work on other keys goes on.
 * Several keys are taken in sorted order, so that two callers never wait on each other.
 */
export class KeyedLock {
  private readonly held = new Map<string, { mutex: Mutex; users: number }>();

  async run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const entries = [...new Set(keys)].sort().map((key) => {
      const entry = this.held.get(key) ?? { mutex: new Mutex(), users: 0 };
      entry.users += 1;
      this.held.set(key, entry);
      return [key, entry] as const;
    });
    const releases: (() => void)[] = [];
    try {
      for (const [, entry] of entries) releases.push(await entry.mutex.acquire());
      return await work();
    } finally {
      for (const release of releases) release();
      for (const [key, entry] of entries) {
        entry.users -= 1;
        if (entry.users === 0) this.held.delete(key);
      }
    }
  }
}
