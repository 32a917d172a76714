import { relais } from '$lib/server/relais';
import { listRuleSets } from '$lib/server/ruleSets';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ ruleSets: await listRuleSets(await relais()) });
