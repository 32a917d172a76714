import type { DeskChange } from './deskChange';
import { deskStream } from './deskStream.svelte';
import { invalidateBetweenNavigations } from './invalidateBetweenNavigations';

/**
 * Re-runs the loads that depend on `dependency` when a change that `matters` lands (or after a
 * resync): one reload at a time, and one more if changes came in during it, at least `gapMs`
 * after the last (a costly page, such as the dashboard, reads at most that often). Returns the
 * stop function, for onMount.
 */
export function reloadOnChanges(
  dependency: `relais:${string}`,
  matters: (change: DeskChange) => boolean,
  gapMs = 0,
): () => void {
  let running = false;
  let again = false;
  const reload = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await invalidateBetweenNavigations(dependency);
        if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
      } while (again);
    } finally {
      running = false;
    }
  };
  return deskStream.listen((changes) => {
    if (changes === null || changes.some(matters)) void reload();
  });
}
