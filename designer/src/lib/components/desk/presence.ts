import { AwayReasonSchema, type AgentState } from '$workflows/contracts/routing';

/** The picker's value for an agent's presence: "available", "offline" or "away:<reason>". */
export const presenceKey = (agent: Pick<AgentState, 'presence' | 'awayReason'>): string =>
  agent.presence === 'away' ? `away:${agent.awayReason ?? 'break'}` : agent.presence;

/** The POST /api/presence body for a picker value; null for one that is not a choice. */
export function presenceRequest(
  key: string,
): { presence: 'available' | 'offline' } | { presence: 'away'; reason: string } | null {
  if (key === 'available' || key === 'offline') return { presence: key };
  const reason = AwayReasonSchema.safeParse(key.replace(/^away:/, ''));
  return key.startsWith('away:') && reason.success
    ? { presence: 'away', reason: reason.data }
    : null;
}
