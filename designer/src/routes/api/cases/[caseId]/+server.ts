import { json } from '@sveltejs/kit';
import { refuseApiRead } from '$lib/server/apiAuth';
import { loadCase } from '$lib/server/caseView';
import { relais } from '$lib/server/relais';
import type { RequestHandler } from './$types';

/** A case with its messages and timeline, for a signed-in user or a token with cases:read. */
export const GET: RequestHandler = async (event) => {
  const refused = await refuseApiRead(event, 'cases:read');
  if (refused) return refused;
  const { params } = event;
  const view = await loadCase(await relais(), params.caseId);
  if (!view)
    return json({ code: 'not_found', message: `no case ${params.caseId}` }, { status: 404 });
  const { state, task } = view;
  return json({
    caseId: view.caseId,
    source: view.source,
    status: state?.status ?? task?.status ?? null,
    channels: state?.channels ?? (task ? [task.channel] : []),
    priority: state?.priority ?? task?.priority ?? null,
    queue: state?.queue ?? task?.queue ?? null,
    assignee: state?.assignee ?? task?.assignee ?? null,
    dueAt: state?.dueAt ?? task?.dueAt ?? null,
    escalationLevel: state?.escalationLevel ?? task?.escalationLevel ?? 0,
    decision: state?.decision ?? null,
    // Position, expected wait and why no agent has it yet, while the case waits for one.
    routing: view.routing,
    messages: state?.messages ?? [],
    timeline: view.timeline,
  });
};
