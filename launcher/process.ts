import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Resolves once the process has exited; a second call is harmless. */
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Where stdout/stderr go: a log file, or 'inherit' to share the launcher's terminal. */
  output: string | 'inherit' | 'ignore';
  /** The signal that asks for a clean stop (PostgreSQL's fast shutdown is SIGINT). */
  stopSignal?: NodeJS.Signals;
  /** Run as this user (PostgreSQL refuses to run as root). */
  uid?: number;
  gid?: number;
}

/**
 * Spawns a child in its own process group so that stop() also reaches its children, and the
 * launcher's Ctrl-C handler, not the terminal, decides the shutdown order.
 */
export function spawnManaged(opts: SpawnOptions): ManagedProcess {
  const child = spawn(opts.command, opts.args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    detached: true,
    uid: opts.uid,
    gid: opts.gid,
    stdio:
      opts.output === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
  });
  if (opts.output !== 'inherit' && opts.output !== 'ignore') {
    mkdirSync(dirname(opts.output), { recursive: true });
    const log = createWriteStream(opts.output, { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  } else if (opts.output === 'ignore') {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(-1));
  });
  let stopping: Promise<void> | undefined;
  const signal = (sig: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  return {
    name: opts.name,
    child,
    exited,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        signal(opts.stopSignal ?? 'SIGTERM');
        // Every child stops by itself within 10 s of SIGTERM (the worker within 8 s, stuck
        // activities included); SIGKILL is only for one that does not.
        const timer = setTimeout(() => signal('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
