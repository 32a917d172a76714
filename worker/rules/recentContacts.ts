import type { BacktestContact } from '../../rules/backtest/backtest';
import type { DecisionStore } from '../store/decisions';

/**
 * The last `limit` stored decisions as backtest input. The per-rule traces are the bulk of each
 * document and a backtest compares outputs only, so they are left in the database.
 */
export async function recentContacts(
  decisions: DecisionStore,
  limit: number,
): Promise<BacktestContact[]> {
  const docs = await decisions.col
    .find(
      {},
      {
        projection: {
          customerId: 0,
          reason: 0,
          'result.calendar': 0,
          'result.decision.explanation.rules': 0,
        },
      },
    )
    .sort({ decidedAt: -1 })
    .limit(limit)
    .toArray();
  return docs.map(({ caseId, facts, result: { decision } }) => ({
    caseId,
    facts,
    decision: { ...decision, explanation: { ...decision.explanation, rules: [] } },
  }));
}
