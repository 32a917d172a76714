import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { historyFixturesDir, recordedHistoriesDir, repoRoot } from '../../launcher/paths';
import { workflowBundleOptions } from '../../worker/workflowBundle';
import { loadHistories } from '../support/histories';

// The replay workers' lifecycle lines would drown the test output.
Runtime.install({ logger: new DefaultLogger('WARN') });

let code: string;
beforeAll(async () => {
  ({ code } = await bundleWorkflowCode({
    ...workflowBundleOptions(repoRoot),
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
  }));
}, 120_000);

async function replayAll(histories: { workflowId: string; history: unknown }[]) {
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: { code } }, histories))
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  return failures;
}

/**
 * Histories are kept decoded (tests/support/histories.ts), so replay needs no data keys.
 * Today's workflow code must replay what earlier code recorded, or a deploy breaks running cases.
 * A change of workflow logic that fails here needs `patched()` (see the README).
 */
describe('replay', () => {
  it('replays the committed histories of earlier versions without nondeterminism', async () => {
    const histories = loadHistories(historyFixturesDir);
    expect(histories.length).toBeGreaterThan(10);
    expect(await replayAll(histories)).toEqual([]);
  }, 300_000);

  it('replays every history the workflow tests of this run recorded', async () => {
    const histories = loadHistories(recordedHistoriesDir);
    expect(histories.length).toBeGreaterThan(10);
    expect(await replayAll(histories)).toEqual([]);
  }, 300_000);
});
