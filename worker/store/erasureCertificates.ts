import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import {
  type ErasureCertificate,
  ErasureCertificateSchema,
} from '../../workflows/privacy/erasureContract';
import { insertOnce } from './mongo';
import { parseDoc, parseDocOrNull } from './parseDoc';

const collection = 'erasureCertificates';
const CertificateDocSchema = ErasureCertificateSchema.omit({ subject: true }).extend({
  _id: z.string(),
});
type CertificateDoc = z.infer<typeof CertificateDocSchema>;

const toCertificate = (raw: unknown): ErasureCertificate => {
  const { _id, ...rest } = parseDoc(CertificateDocSchema, collection, raw);
  return { subject: _id, ...rest };
};

/** One certificate per erased customer, kept for good: ids, dates and counts, no personal data. */
export class ErasureCertificateStore {
  private readonly col: Collection<CertificateDoc>;

  constructor(db: Db) {
    this.col = db.collection<CertificateDoc>(collection);
  }

  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ finishedAt: -1 });
  }

  async get(subject: string): Promise<ErasureCertificate | null> {
    const doc = parseDocOrNull(
      CertificateDocSchema,
      collection,
      await this.col.findOne({ _id: subject }),
    );
    return doc ? toCertificate(doc) : null;
  }

  /** The first certificate written stays: a retried write answers it. */
  async write(certificate: ErasureCertificate): Promise<ErasureCertificate> {
    const { subject, ...rest } = ErasureCertificateSchema.parse(certificate);
    await insertOnce(this.col, { _id: subject, ...rest });
    return (await this.get(subject))!;
  }

  async latest(limit = 100): Promise<ErasureCertificate[]> {
    const docs = await this.col.find({}).sort({ finishedAt: -1 }).limit(limit).toArray();
    return docs.map(toCertificate);
  }
}
