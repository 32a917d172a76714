import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../launcher/paths';
import { startDevStack, type DevStack } from '../support/devStack';

const secret = 'simulate-retry-after-test-secret';
let stack: DevStack;

beforeAll(async () => {
  stack = await startDevStack({
    designer: true,
    designerEnv: { RELAIS_INBOUND_SECRET: secret, RELAIS_INBOUND_MAX_IN_FLIGHT: '1' },
  });
}, 120_000);

afterAll(() => stack?.stop());

/**
 * Other connectors posting back to back until `each` contacts apiece are taken in: the designer's one slot is taken
 * nearly all the time while they run (with pauses between posts, a busy machine once let every
 * contact of the run through without a 429), and free again once they are done.
 */
function otherTraffic(loops: number, each: number): () => Promise<void> {
  let running = true;
  const loop = async () => {
    for (let taken = 0; running && taken < each;) {
      const status = await fetch(`${stack.designer!.url}/api/inbound/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...stack.designer!.auth },
        body: JSON.stringify({
          messageId: randomUUID(),
          customer: { handle: `other-${randomUUID().slice(0, 8)}` },
          text: 'Bonjour',
        }),
      }).then(async (r) => (await r.arrayBuffer(), r.status));
      if (status === 202) taken += 1;
      else await new Promise((r) => setTimeout(r, 20));
    }
  };
  const all = Promise.all(Array.from({ length: loops }, loop));
  return async () => {
    running = false;
    await all;
  };
}

describe('npm run simulate under overload', () => {
  it('sends a contact turned away with 429 again after Retry-After, until it is taken in', async () => {
    const stop = otherTraffic(4, 15);
    const port = new URL(stack.designer!.url).port;
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', 'worker/cli/simulate-cli.ts', '--count', '10', '--rate', '10'],
        { cwd: repoRoot, env: { ...process.env, PORT: port, RELAIS_INBOUND_SECRET: secret } },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    ).finally(stop);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('10× 202');
    expect(run.stdout).toMatch(/\d+ retries after Retry-After/);
    expect(run.code).toBe(0);
  }, 180_000);
});
