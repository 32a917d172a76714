import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import {
  ConsentChannelSchema,
  ConsentPurposeSchema,
  ConsentSourceSchema,
  type ConsentChannel,
  type ConsentPurpose,
} from '../../workflows/contracts/consent';
import { parseDoc } from './parseDoc';

/** One grant or withdrawal, with its proof: when, how, and the words the customer saw or sent. */
export const ConsentRecordSchema = z.object({
  customerId: z.string().min(1),
  channel: ConsentChannelSchema,
  purpose: ConsentPurposeSchema,
  granted: z.boolean(),
  source: ConsentSourceSchema,
  at: z.date(),
  /** The wording shown (a form's checkbox, the link's page) or the customer's own message. */
  wording: z.string(),
  /** The message, case or user it came with; null when none. */
  ref: z.string().nullable(),
});
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>;

/** The latest record of each channel and purpose, keyed "channel:purpose". */
export type ConsentState = Map<`${ConsentChannel}:${ConsentPurpose}`, ConsentRecord>;

/**
 * Consent as a ledger: records are only ever appended, so the proof of each grant stays after a
 * withdrawal; what holds now is the latest record of each channel and purpose.
 */
export class ConsentStore {
  readonly col: Collection<ConsentRecord>;

  constructor(db: Db) {
    this.col = db.collection<ConsentRecord>('consents');
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ customerId: 1, at: -1 });
  }

  async append(record: ConsentRecord): Promise<void> {
    await this.col.insertOne(ConsentRecordSchema.parse(record));
  }

  /** Newest first. Records of one millisecond fall back on their ObjectId (insert order). */
  async forCustomer(customerId: string): Promise<ConsentRecord[]> {
    const docs = await this.col
      .find({ customerId }, { projection: { _id: 0 } })
      .sort({ at: -1, _id: -1 })
      .toArray();
    return docs.map((d) => parseDoc(ConsentRecordSchema, 'consents', d));
  }

  async current(customerId: string): Promise<ConsentState> {
    const state: ConsentState = new Map();
    for (const r of await this.forCustomer(customerId)) {
      const key = `${r.channel}:${r.purpose}` as const;
      if (!state.has(key)) state.set(key, r);
    }
    return state;
  }
}
