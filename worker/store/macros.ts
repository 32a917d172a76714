import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { LangSchema } from '../../rules/model/channel';
import { CaseTagSchema } from '../../workflows/contracts/case';
import { macroPlaceholders } from '../../workflows/lib/placeholders';
import { parseDoc, parseDocOrNull } from './parseDoc';
import { refuseUnknownPlaceholders } from './placeholderRefusal';

/** What sending a canned reply also does: only actions the case workflow already has. */
export const MacroActionsSchema = z.object({
  /** The case goes to this queue once the reply is sent. */
  transferTo: z.string().trim().min(1).nullable(),
  /** The reply asks the customer something: the promise clock waits for the answer. */
  askCustomer: z.boolean(),
  /** The case gets this tag once the reply is sent; macros saved before tags have none. */
  tag: CaseTagSchema.nullable().default(null),
});

/** A canned reply managers write for agents, in one language, with placeholders. */
export const MacroSchema = z.object({
  id: z.uuid(),
  name: z.string().trim().min(1).max(120),
  lang: LangSchema,
  body: z.string().trim().min(1).max(4000),
  actions: MacroActionsSchema,
});
export type Macro = z.infer<typeof MacroSchema>;

type MacroDoc = Macro & { _id: string };

const collection = 'macros';

export class MacroStore {
  readonly col: Collection<MacroDoc>;

  constructor(db: Db) {
    this.col = db.collection<MacroDoc>(collection);
  }

  async list(): Promise<Macro[]> {
    const docs = await this.col.find({}).sort({ name: 1 }).toArray();
    return docs.map((doc) => parseDoc(MacroSchema, collection, doc));
  }

  async get(id: string): Promise<Macro | null> {
    return parseDocOrNull(MacroSchema, collection, await this.col.findOne({ _id: id }));
  }

  /** Refuses a placeholder that nothing fills: the customer would read it as typed. */
  async save(input: z.input<typeof MacroSchema>): Promise<Macro> {
    const macro = MacroSchema.parse(input);
    refuseUnknownPlaceholders([macro.body], macroPlaceholders);
    await this.col.replaceOne({ _id: macro.id }, macro, { upsert: true });
    return macro;
  }

  async remove(id: string): Promise<void> {
    await this.col.deleteOne({ _id: id });
  }
}
