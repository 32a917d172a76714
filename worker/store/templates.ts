import type { Collection, Db } from 'mongodb';
import { type MessageTemplate, MessageTemplateSchema } from '../../workflows/contracts/templates';
import { templatePlaceholders } from '../../workflows/lib/placeholders';
import { parseDoc, parseDocOrNull } from './parseDoc';
import { refuseUnknownPlaceholders } from './placeholderRefusal';

/** Stored under its id; reads parse it with MessageTemplateSchema, which drops the `_id`. */
type TemplateDoc = MessageTemplate & { _id: string };

const collection = 'messageTemplates';

/** Message templates that managers edit in the designer and rules name by id. */
export class TemplateStore {
  readonly col: Collection<TemplateDoc>;

  constructor(db: Db) {
    this.col = db.collection<TemplateDoc>(collection);
  }

  async list(): Promise<MessageTemplate[]> {
    const docs = await this.col.find({}).sort({ id: 1 }).toArray();
    return docs.map((doc) => parseDoc(MessageTemplateSchema, collection, doc));
  }

  async get(id: string): Promise<MessageTemplate | null> {
    return parseDocOrNull(MessageTemplateSchema, collection, await this.col.findOne({ _id: id }));
  }

  /** Refuses a placeholder that nothing fills: the customer would read it as typed. */
  async save(template: MessageTemplate): Promise<void> {
    refuseUnknownPlaceholders(
      template.variants.map((v) => v.text),
      templatePlaceholders,
    );
    await this.col.replaceOne({ _id: template.id }, template, { upsert: true });
  }

  async remove(id: string): Promise<void> {
    await this.col.deleteOne({ _id: id });
  }
}
