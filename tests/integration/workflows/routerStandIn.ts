import { condition, defineSignal, setHandler } from '@temporalio/workflow';
import { type AgentState, setPresenceUpdate } from '../../../workflows/contracts/routing';

export const armSignal = defineSignal('arm');

/**
 * A workflow that stands in for the router on the wire only. Once armed, a `failing` one fails
 * every workflow task, as a router's did when its tasks kept timing out; a healed one, bundled
 * apart under the same name, takes over the same history and goes on.
 */
export const routerStandIn = (failing: boolean) => async (): Promise<void> => {
  let armed = false;
  setHandler(armSignal, () => void (armed = true));
  setHandler(setPresenceUpdate, ({ agentId, presence, reason }): AgentState => {
    const now = new Date().toISOString();
    return {
      agentId,
      name: agentId,
      presence,
      awayReason: reason,
      presenceSince: now,
      idleSince: now,
      load: {},
      missedOffersInARow: 0,
      wrapUps: {},
    };
  });
  await condition(() => armed);
  // A plain Error (not an ApplicationFailure) fails the task rather than the workflow.
  if (failing) throw new Error('injected workflow task failure');
  await condition(() => false);
};
