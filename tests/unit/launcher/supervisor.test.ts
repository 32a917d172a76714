import { describe, expect, it } from 'vitest';
import { spawnManaged } from '../../../launcher/process';
import { supervise } from '../../../launcher/supervisor';

/** A real Node child running `code`. */
const node = (name: string, code: string) => () =>
  Promise.resolve(
    spawnManaged({ name, command: process.execPath, args: ['-e', code], output: 'ignore' }),
  );

const backoff = { initialMs: 50, maxMs: 200, healthyMs: 60_000 };

async function until(probe: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('launcher supervisor', () => {
  it('restarts a crashing child with a growing delay and says so', async () => {
    const lines: string[] = [];
    const crasher = await supervise('crasher', node('crasher', 'process.exit(3)'), {
      backoff,
      log: (line) => lines.push(line),
    });
    await until(() => crasher.starts >= 5, 'four restarts');
    await crasher.stop();
    expect(lines.slice(0, 4)).toEqual([
      '[launcher] crasher exited with code 3; restarting in 0.05s',
      '[launcher] crasher exited with code 3; restarting in 0.1s',
      '[launcher] crasher exited with code 3; restarting in 0.2s',
      '[launcher] crasher exited with code 3; restarting in 0.2s',
    ]);
    // Stopped for good: wait past the longest backoff before saying nothing restarted.
    const starts = crasher.starts;
    await new Promise((r) => setTimeout(r, 3 * backoff.maxMs));
    expect(crasher.starts).toBe(starts);
  });

  it('restarts a child killed by a signal, and stop() ends a running child without a restart', async () => {
    const lines: string[] = [];
    const server = await supervise('server', node('server', 'setInterval(() => {}, 1000)'), {
      backoff,
      log: (line) => lines.push(line),
    });
    expect(server.starts).toBe(1);
    // Killed from outside, as the OOM killer would.
    process.kill(server.current!.child.pid!, 'SIGKILL');
    await until(() => server.starts === 2, 'the restart');
    expect(lines).toEqual(['[launcher] server exited with signal SIGKILL; restarting in 0.05s']);
    await server.stop();
    await new Promise((r) => setTimeout(r, 3 * backoff.maxMs));
    expect(server.starts).toBe(2);
    expect(lines).toHaveLength(1);
  });
});
