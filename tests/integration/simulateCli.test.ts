import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../launcher/paths';
import { startDevStack, type DevStack } from '../support/devStack';

const secret = 'simulate-cli-test-secret';
let stack: DevStack;

beforeAll(async () => {
  stack = await startDevStack({ designer: true, designerEnv: { RELAIS_INBOUND_SECRET: secret } });
});

afterAll(() => stack?.stop());

describe('npm run simulate', () => {
  it('posts to the designer on PORT, as `npm start` configures it, without --url', async () => {
    const port = new URL(stack.designer!.url).port;
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', 'worker/cli/simulate-cli.ts', '--count', '2', '--rate', '10'],
        { cwd: repoRoot, env: { ...process.env, PORT: port, RELAIS_INBOUND_SECRET: secret } },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('2 messages in');
    expect(run.stdout).toContain('2× 202');
    expect(run.code).toBe(0);
  });
});
