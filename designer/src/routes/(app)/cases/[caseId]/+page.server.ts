import { error } from '@sveltejs/kit';
import { loadCase } from '$lib/server/caseView';
import { relais } from '$lib/server/relais';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
  const view = await loadCase(await relais(), params.caseId);
  if (!view) error(404, `No case ${params.caseId}`);
  return { view };
};
