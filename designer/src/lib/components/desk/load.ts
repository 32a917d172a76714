import {
  capacityClasses,
  capacityUnits,
  type Capacity,
  type CapacityClass,
} from '$workflows/contracts/routing';

export interface ClassLoad {
  capacityClass: CapacityClass;
  used: number;
  max: number;
}

/** Items held per class against the agent's maximum for it. */
export function loadByClass(held: readonly CapacityClass[], capacity: Capacity): ClassLoad[] {
  return capacityClasses.map((c) => ({
    capacityClass: c,
    used: held.filter((h) => h === c).length,
    max: capacity[c],
  }));
}

/**
 * Share of the agent's whole capacity in use, in percent: each item weighs 1/max of it. Above
 * 100 when a supervisor assigned beyond it by hand, which the views show as it is.
 */
export function loadPercent(held: readonly CapacityClass[], capacity: Capacity): number {
  const units = held.reduce(
    (sum, c) => sum + (capacity[c] > 0 ? Math.floor(capacityUnits / capacity[c]) : capacityUnits),
    0,
  );
  return Math.round((units / capacityUnits) * 100);
}
