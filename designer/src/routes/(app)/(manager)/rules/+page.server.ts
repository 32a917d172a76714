import { managerRoles, requireRole } from '$lib/server/auth';
import { relais } from '$lib/server/relais';
import { ruleSets } from '$lib/server/ruleSets';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event, managerRoles);
  return { ruleSets: await ruleSets(await relais()).listRuleSets() };
};
