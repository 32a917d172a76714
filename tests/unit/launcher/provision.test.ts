import { describe, expect, it } from 'vitest';
import { isPortInUse, freePort } from '../../../launcher/ports';
import { isProvisioned, provision, ProvisionError, run } from '../../../launcher/provision';
import { createServer } from 'node:net';

describe('provisioning', () => {
  it('skips every step whose pinned inputs have not changed, saying so', async () => {
    // The test runner provisions before any test runs.
    expect(isProvisioned()).toBe(true);
    const lines: string[] = [];
    await provision((line) => lines.push(line));
    expect(lines.filter((l) => l.endsWith(': up to date'))).toHaveLength(3);
    expect(lines.at(-1)).toMatch(/^\[provision\] ready in \d+\.\d s$/);
  });

  it('turns a missing tool into an error that says how to fix it', async () => {
    const failure = run('relais-no-such-tool', [], 'apt-get install -y relais-no-such-tool');
    await expect(failure).rejects.toBeInstanceOf(ProvisionError);
    await expect(failure).rejects.toMatchObject({
      hint: 'apt-get install -y relais-no-such-tool',
    });
  });

  it('reports the end of a failing command’s output', async () => {
    const failure = run('sh', ['-c', 'echo first; echo "the real reason" >&2; exit 3'], 'fix it');
    await expect(failure).rejects.toThrow(/exited with 3:[\s\S]*the real reason/);
  });
});

describe('ports', () => {
  it('tells a busy port from a free one', async () => {
    const port = await freePort();
    expect(await isPortInUse(port)).toBe(false);
    const server = createServer().listen(port, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    expect(await isPortInUse(port)).toBe(true);
    await new Promise((r) => server.close(r));
  });
});
