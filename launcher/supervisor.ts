import { Backoff, restartBackoff, type BackoffOptions } from './backoff';
import type { ManagedProcess } from './process';

export interface Supervised {
  name: string;
  /** How many times the child was started, the first start included. */
  readonly starts: number;
  /** The running child, if any (none while waiting to restart). */
  readonly current: ManagedProcess | undefined;
  /** Stops the child for good: no restart after this. */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  backoff?: BackoffOptions;
  log?: (line: string) => void;
}

/**
 * Keeps a child running: the first start's failure is the caller's (a wrong setting should stop
 * `npm start`), later exits are restarted after a backoff and said in the log, until stop().
 */
export async function supervise(
  name: string,
  start: () => Promise<ManagedProcess>,
  opts: SuperviseOptions = {},
): Promise<Supervised> {
  const log = opts.log ?? ((line: string) => console.error(line));
  const backoff = new Backoff(opts.backoff ?? restartBackoff);
  let current: ManagedProcess | undefined = await start();
  let starts = 1;
  let stopped = false;
  let wake: () => void = () => {};

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /** Waits out the backoff and starts again; a failed start counts as a run of no length. */
  async function restart(uptimeMs: number, why: string): Promise<void> {
    const delay = backoff.afterRun(uptimeMs);
    log(`[launcher] ${name} ${why}; restarting in ${delay / 1000}s`);
    await sleep(delay);
    if (stopped) return;
    try {
      const next = await start();
      if (stopped) return void (await next.stop());
      current = next;
      starts += 1;
    } catch (err) {
      return restart(0, `failed to start (${(err as Error).message})`);
    }
  }

  const loop = (async () => {
    while (current && !stopped) {
      const startedAt = Date.now();
      const proc: ManagedProcess = current;
      const code = await proc.exited;
      if (stopped) return;
      current = undefined;
      const how = code === null ? `signal ${proc.child.signalCode ?? '?'}` : `code ${code}`;
      await restart(Date.now() - startedAt, `exited with ${how}`);
    }
  })();

  return {
    name,
    get starts() {
      return starts;
    },
    get current() {
      return current;
    },
    async stop() {
      stopped = true;
      wake();
      await current?.stop();
      await loop;
    },
  };
}
