import { invalidate } from '$app/navigation';
import { navigating } from '$app/state';

/**
 * Re-runs the loads that depend on `dependency`, unless a navigation is under way. SvelteKit 2
 * aborts a navigation when an invalidation starts during it (sveltejs/kit#9354, fixed only in
 * the next major), so a live update landing as the agent clicks a link would swallow the click.
 * Skipping is safe: the page being navigated to loads fresh data anyway.
 */
export async function invalidateBetweenNavigations(dependency: `relais:${string}`): Promise<void> {
  if (navigating.to) return;
  await invalidate(dependency);
}
