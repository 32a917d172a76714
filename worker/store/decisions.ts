import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { insertOnce } from './mongo';
import { DecisionSchema } from '../../rules/model/decision';
import { FactsSchema } from '../../rules/model/facts';
import type { BacktestContact } from '../../rules/backtest/backtest';
import { type DecisionDoc, DecisionDocSchema } from './documents';
import { parseDoc } from './parseDoc';

const toDoc = (doc: unknown) => parseDoc(DecisionDocSchema, 'decisions', doc);
const BacktestInputSchema = z.object({
  caseId: z.string(),
  facts: FactsSchema,
  decision: DecisionSchema,
}) satisfies z.ZodType<BacktestContact>;

/**
 * What a backtest reads of a decision: its facts and outputs, without the per-rule traces that
 * make up most of a full decision. FerretDB reads whole documents before projecting, so keeping
 * these apart is what makes a 10,000-contact backtest fast.
 */
type BacktestDoc = BacktestContact & { _id: string; decidedAt: Date };

/** How many decisions of one case a backtest read allows for, on average, before it stops. */
const maxDecisionsPerCase = 10;

/** Each decision with the facts it was made from: the "why" of a case, and backtest input. */
export class DecisionStore {
  readonly col: Collection<DecisionDoc>;
  readonly backtestCol: Collection<BacktestDoc>;

  constructor(db: Db) {
    this.col = db.collection<DecisionDoc>('decisions');
    this.backtestCol = db.collection<BacktestDoc>('decisionFacts');
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ caseId: 1, decidedAt: 1 });
    await this.col.createIndex({ decidedAt: -1 });
    await this.backtestCol.createIndex({ decidedAt: -1 });
  }

  async save(doc: DecisionDoc): Promise<void> {
    await insertOnce(this.col, doc);
    const { decision } = doc.result;
    const slim: BacktestDoc = {
      _id: doc._id,
      caseId: doc.caseId,
      decidedAt: doc.decidedAt,
      facts: doc.facts,
      decision: { ...decision, explanation: { ...decision.explanation, rules: [] } },
    };
    await insertOnce(this.backtestCol, slim);
  }

  /**
   * Backtest input: the `limit` most recently decided cases, each with its latest decision (a
   * threaded follow-up decides its case again), newest first. A `$group` by case would read the
   * whole collection on FerretDB; reading newest first stops as soon as `limit` cases are found,
   * and after `limit * maxDecisionsPerCase` documents whatever happens.
   */
  async recentForBacktest(limit: number): Promise<BacktestContact[]> {
    const latest = new Map<string, BacktestContact>();
    const cursor = this.backtestCol
      .find({}, { projection: { caseId: 1, facts: 1, decision: 1 } })
      .sort({ decidedAt: -1, _id: -1 })
      .limit(limit * maxDecisionsPerCase)
      .batchSize(Math.min(limit * 2, 5000));
    try {
      for await (const raw of cursor) {
        const { caseId, facts, decision } = parseDoc(BacktestInputSchema, 'decisionFacts', raw);
        if (!latest.has(caseId)) latest.set(caseId, { caseId, facts, decision });
        if (latest.size >= limit) break;
      }
    } finally {
      await cursor.close();
    }
    return [...latest.values()];
  }

  async forCase(caseId: string): Promise<DecisionDoc[]> {
    return (await this.col.find({ caseId }).sort({ decidedAt: 1 }).toArray()).map(toDoc);
  }

  async latest(limit: number): Promise<DecisionDoc[]> {
    return (await this.col.find({}).sort({ decidedAt: -1 }).limit(limit).toArray()).map(toDoc);
  }
}
