import type { UpdateDefinition } from '@temporalio/common';
import { patched, setHandler } from '@temporalio/workflow';
import { Mutex } from 'async-mutex';

/** Histories from before handlers were serialised replay without the lock. */
const lockPatch = 'serialise-handlers';

/**
 * Serialises a workflow's state-changing handlers (Temporal's safe-message-handlers pattern):
 * each runs alone from its first line to its last await, so two updates accepted together (two
 * legal approvals, a reply and a resolve) never interleave. Validators run when an update
 * arrives, possibly before another one changes the state, so `recheck` runs them again once the
 * lock is held; a refusal then fails the update, as the validator would have.
 */
export class HandlerLock {
  private readonly mutex = new Mutex();

  run<R>(recheck: () => void, body: () => Promise<R>): Promise<R> {
    if (!patched(lockPatch)) return body();
    return this.mutex.runExclusive(() => {
      recheck();
      return body();
    });
  }

  /** An update whose validator is `validate` and whose handler holds the lock. */
  setUpdate<R, A extends unknown[]>(
    update: UpdateDefinition<R, A>,
    validate: (...args: A) => void,
    handler: (...args: A) => Promise<R>,
  ): void {
    setHandler(
      update,
      (...args: A) =>
        this.run(
          () => validate(...args),
          () => handler(...args),
        ),
      { validator: validate },
    );
  }
}
