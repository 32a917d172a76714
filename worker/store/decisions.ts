import type { Collection, Db } from 'mongodb';
import type { DecisionDoc } from './documents';

/** Each decision with the facts it was made from: the "why" of a case, and backtest input. */
export class DecisionStore {
  readonly col: Collection<DecisionDoc>;

  constructor(db: Db) {
    this.col = db.collection<DecisionDoc>('decisions');
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ caseId: 1, decidedAt: 1 });
    await this.col.createIndex({ decidedAt: -1 });
  }

  async save(doc: DecisionDoc): Promise<void> {
    await this.col.updateOne({ _id: doc._id }, { $setOnInsert: doc }, { upsert: true });
  }

  async forCase(caseId: string): Promise<DecisionDoc[]> {
    return this.col.find({ caseId }).sort({ decidedAt: 1 }).toArray();
  }

  async latest(limit: number): Promise<DecisionDoc[]> {
    return this.col.find({}).sort({ decidedAt: -1 }).limit(limit).toArray();
  }
}
