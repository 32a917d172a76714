import type { BacktestContact } from '../../rules/backtest/backtest';
import type { DecisionStore } from '../store/decisions';

/** The last `limit` stored decisions as backtest input, newest first. */
export function recentContacts(
  decisions: DecisionStore,
  limit: number,
): Promise<BacktestContact[]> {
  return decisions.recentForBacktest(limit);
}
