import { relais } from '$lib/server/relais';
import { ruleSets } from '$lib/server/ruleSets';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
  ruleSets: await ruleSets(await relais()).listRuleSets(),
});
