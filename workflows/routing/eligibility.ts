import {
  capacityClassOf,
  type SkillRequirement,
  type WaitingItem,
  type WaitingReason,
} from '../contracts/routing';
import { fits } from './capacity';
import { relaxedRequirements } from './relaxation';
import { queueOf, type RoutedAgent, type RoutingWorld } from './world';

/** One criterion an agent must meet, and the reason an item waits when no agent meets it. */
interface Criterion {
  reason: WaitingReason;
  meets: (a: RoutedAgent) => boolean;
}

const levelOf = (a: RoutedAgent, skill: string): number =>
  a.routing.skills.find((s) => s.skill === skill)?.level ?? 0;

/**
 * The criteria in the order an item's waiting reason names the first unmet one: who serves the
 * queue, with the skills, the language, present, with room, who has not passed on it, and free
 * of another offer (or of a pick earlier in this round).
 */
export function criteria(
  w: WaitingItem,
  world: RoutingWorld,
  takenThisRound: ReadonlySet<string> = new Set(),
): Criterion[] {
  const { item } = w;
  const cls = capacityClassOf(item.channel);
  const needs: SkillRequirement[] = relaxedRequirements(w, queueOf(world, item.queue).relaxation);
  return [
    {
      reason: { code: 'no-agent-for-queue' },
      meets: (a) => a.routing.queues.includes(item.queue),
    },
    ...needs.map((need): Criterion => ({
      reason: { code: 'no-agent-with-skill', skill: need.skill, minLevel: need.minLevel },
      meets: (a) => levelOf(a, need.skill) >= need.minLevel,
    })),
    {
      reason: { code: 'no-agent-speaks', lang: item.lang },
      meets: (a) => a.routing.langs.includes(item.lang),
    },
    { reason: { code: 'no-agent-available' }, meets: (a) => a.state.presence === 'available' },
    {
      reason: { code: 'no-free-capacity', capacityClass: cls },
      meets: (a) => fits(a.routing.capacity, a.state.load, cls),
    },
    {
      reason: { code: 'all-declined' },
      meets: (a) =>
        !w.passedBy.includes(a.routing.agentId) && !item.excludeAgents.includes(a.routing.agentId),
    },
    {
      reason: { code: 'behind-other-work' },
      meets: (a) => !a.offered && !takenThisRound.has(a.routing.agentId),
    },
  ];
}

/**
 * Everything of an item that eligibility and its waiting reason read: items with the same key
 * get the same agents and the same reason from one world, so a pass over a backlog of a
 * thousand alike items works each key out once instead of once per item.
 */
export function routingKey(w: WaitingItem, world: RoutingWorld): string {
  const { item } = w;
  return JSON.stringify([
    item.queue,
    relaxedRequirements(w, queueOf(world, item.queue).relaxation),
    item.lang,
    capacityClassOf(item.channel),
    w.passedBy,
    item.excludeAgents,
  ]);
}

/** The agents who may be offered the item now. */
export function eligibleAgents(
  w: WaitingItem,
  world: RoutingWorld,
  takenThisRound: ReadonlySet<string> = new Set(),
): RoutedAgent[] {
  const all = criteria(w, world, takenThisRound);
  return world.agents.filter((a) => all.every((c) => c.meets(a)));
}

/**
 * Why nobody can be offered the item: the first criterion no agent left meets. Null when an
 * agent could be (or the item is on offer).
 */
export function whyWaiting(w: WaitingItem, world: RoutingWorld): WaitingReason | null {
  if (w.offer) return null;
  let left = world.agents;
  for (const c of criteria(w, world)) {
    left = left.filter(c.meets);
    if (left.length === 0) return c.reason;
  }
  return null;
}

/** `whyWaiting` for the items of one world, worked out once per routing key. */
export function waitingReasons(world: RoutingWorld): (w: WaitingItem) => WaitingReason | null {
  const known = new Map<string, WaitingReason | null>();
  return (w) => {
    if (w.offer) return null;
    const key = routingKey(w, world);
    if (!known.has(key)) known.set(key, whyWaiting(w, world));
    return known.get(key)!;
  };
}
