import { requireRole } from '$lib/server/auth';
import type { LayoutServerLoad } from './$types';

/** Rules, calendars, ladders and templates: managers edit, supervisors look; agents get a 403. */
export const load: LayoutServerLoad = (event) => {
  requireRole(event, ['manager', 'supervisor']);
};
