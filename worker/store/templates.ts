import type { Collection, Db } from 'mongodb';
import type { MessageTemplate } from '../../workflows/contracts/templates';

type TemplateDoc = MessageTemplate & { _id: string };

/** Message templates that managers edit in the designer and rules name by id. */
export class TemplateStore {
  readonly col: Collection<TemplateDoc>;

  constructor(db: Db) {
    this.col = db.collection<TemplateDoc>('messageTemplates');
  }

  async list(): Promise<MessageTemplate[]> {
    return this.col
      .find({}, { projection: { _id: 0 } })
      .sort({ id: 1 })
      .toArray();
  }

  async get(id: string): Promise<MessageTemplate | null> {
    return this.col.findOne({ _id: id }, { projection: { _id: 0 } });
  }

  async save(template: MessageTemplate): Promise<void> {
    await this.col.replaceOne({ _id: template.id }, template, { upsert: true });
  }

  async remove(id: string): Promise<void> {
    await this.col.deleteOne({ _id: id });
  }
}
