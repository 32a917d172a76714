import type { Channel } from '../../rules/model/channel';
import {
  type AgentRoom,
  type AgentState,
  type Capacity,
  type CapacityClass,
  capacityClassOf,
  capacityUnits,
} from '../contracts/routing';

/** Units one item of `cls` takes of the agent's 1000; null when the agent takes none of it. */
export function itemUnits(capacity: Capacity, cls: CapacityClass): number | null {
  const max = capacity[cls];
  return max === 0 ? null : Math.floor(capacityUnits / max);
}

/**
 * Units the agent's held work takes. A class the agent no longer takes (the catalogue changed
 * while they held it) counts as the whole capacity, so nothing is added on top of it.
 */
export function usedUnits(capacity: Capacity, load: AgentState['load']): number {
  let used = 0;
  for (const cls of Object.values(load)) used += itemUnits(capacity, cls) ?? capacityUnits;
  return used;
}

export const freeUnits = (capacity: Capacity, load: AgentState['load']): number =>
  Math.max(0, capacityUnits - usedUnits(capacity, load));

/**
 * Whether an agent taking a case from the list (a pull) would go over their capacity: the
 * router's own rule, so a claim never takes them where no offer would.
 */
export const claimOverCapacity = (room: AgentRoom, channel: Channel): boolean =>
  !fits(room.capacity, room.load, capacityClassOf(channel));

/** Whether one more item of `cls` fits within the agent's capacity. */
export function fits(capacity: Capacity, load: AgentState['load'], cls: CapacityClass): boolean {
  const units = itemUnits(capacity, cls);
  return units !== null && usedUnits(capacity, load) + units <= capacityUnits;
}
