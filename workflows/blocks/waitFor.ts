import { condition } from '@temporalio/workflow';
import { workflowNow } from '../lib/clock';

/**
 * Waits until `instant()` (re-read whenever `version()` changes) or until `done()`. Resolves
 * true when `done()` became true, false when the instant was reached first. A null instant
 * means "not running": wait for a change or for done.
 */
export async function waitForInstant(
  instant: () => Date | null,
  version: () => number,
  done: () => boolean,
): Promise<boolean> {
  for (;;) {
    if (done()) return true;
    const v = version();
    const at = instant();
    const changedOrDone = () => done() || version() !== v;
    if (at === null) {
      await condition(changedOrDone);
      continue;
    }
    const ms = at.getTime() - workflowNow().getTime();
    if (ms <= 0) return false;
    if (!(await condition(changedOrDone, ms))) return done();
  }
}
