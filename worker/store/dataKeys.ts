import { MongoServerError, type Collection, type Db } from 'mongodb';
import { z } from 'zod';
import { parseDocOrNull, parseDoc } from './parseDoc';

/** A data key, wrapped (AES-256-GCM) by a master key; destroyed keys keep only their dates. */
export const DataKeyDocSchema = z.object({
  /** "system", or "customer:<customerId>". */
  _id: z.string().min(1),
  /** base64 of iv (12) + tag (16) + wrapped key (32); null once destroyed. */
  wrapped: z.string().nullable(),
  masterKeyId: z.string().nullable(),
  createdAt: z.date(),
  destroyedAt: z.date().nullable(),
});
export type DataKeyDoc = z.infer<typeof DataKeyDocSchema>;

/** Which data key a workflow's payloads use, when its id does not say (a case: its customer's). */
export const WorkflowKeyDocSchema = z.object({
  _id: z.string().min(1),
  keyId: z.string().min(1),
  boundAt: z.date(),
});
export type WorkflowKeyDoc = z.infer<typeof WorkflowKeyDocSchema>;

const duplicateKey = 11000;

/** The data keys of the payload codec (worker/privacy) and the workflows bound to them. */
export class DataKeyStore {
  private readonly keys: Collection<DataKeyDoc>;
  private readonly bindings: Collection<WorkflowKeyDoc>;

  constructor(db: Db) {
    this.keys = db.collection<DataKeyDoc>('dataKeys');
    this.bindings = db.collection<WorkflowKeyDoc>('workflowKeys');
  }

  async get(id: string): Promise<DataKeyDoc | null> {
    return parseDocOrNull(DataKeyDocSchema, 'dataKeys', await this.keys.findOne({ _id: id }));
  }

  /** Stores `doc` unless the key exists already; either way, the key as stored. */
  async insertOnce(doc: DataKeyDoc): Promise<DataKeyDoc> {
    try {
      await this.keys.insertOne(doc);
      return doc;
    } catch (err) {
      if (!(err instanceof MongoServerError && err.code === duplicateKey)) throw err;
      return (await this.get(doc._id))!;
    }
  }

  /** Crypto-shredding: the wrapped key is gone for good, its payloads unreadable. */
  async destroy(id: string, at = new Date()): Promise<void> {
    await this.keys.updateOne(
      { _id: id },
      { $set: { wrapped: null, masterKeyId: null, destroyedAt: at } },
    );
  }

  /** Live keys wrapped by a master key other than `masterKeyId`: those a rotation re-wraps. */
  async wrappedByOtherThan(masterKeyId: string): Promise<DataKeyDoc[]> {
    const docs = await this.keys
      .find({ wrapped: { $ne: null }, masterKeyId: { $ne: masterKeyId } })
      .toArray();
    return docs.map((d) => parseDoc(DataKeyDocSchema, 'dataKeys', d));
  }

  /** Replaces the wrapping of a key, only if it is still the one read (a concurrent destroy wins). */
  async rewrap(doc: DataKeyDoc, wrapped: string, masterKeyId: string): Promise<void> {
    await this.keys.updateOne(
      { _id: doc._id, wrapped: doc.wrapped },
      { $set: { wrapped, masterKeyId } },
    );
  }

  async binding(workflowId: string): Promise<string | null> {
    const doc = await this.bindings.findOne({ _id: workflowId });
    return parseDocOrNull(WorkflowKeyDocSchema, 'workflowKeys', doc)?.keyId ?? null;
  }

  /** Binds a workflow to a key once; the first binding stays. */
  async bind(workflowId: string, keyId: string, at = new Date()): Promise<string> {
    try {
      await this.bindings.insertOne({ _id: workflowId, keyId, boundAt: at });
      return keyId;
    } catch (err) {
      if (!(err instanceof MongoServerError && err.code === duplicateKey)) throw err;
      return (await this.binding(workflowId))!;
    }
  }
}
