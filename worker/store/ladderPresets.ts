import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { EscalationLadderSchema } from '../../rules/model/decision';
import { TemplateIdSchema } from '../../workflows/contracts/templates';

/**
 * Escalation ladders are not part of the rule model: a rule carries its own ladder, and the
 * designer keeps named ladders to copy into rules.
 */
export const LadderPresetSchema = z.object({
  id: TemplateIdSchema,
  name: z.string().trim().min(1).max(120),
  ladder: EscalationLadderSchema,
});
export type LadderPreset = z.infer<typeof LadderPresetSchema>;

type LadderPresetDoc = LadderPreset & { _id: string };

/** The designer's named escalation ladders. */
export class LadderPresetStore {
  private readonly col: Collection<LadderPresetDoc>;

  constructor(db: Db) {
    this.col = db.collection<LadderPresetDoc>('designerLadders');
  }

  /** By id; a document that no longer fits the schema is left out rather than shown broken. */
  async list(): Promise<LadderPreset[]> {
    const docs = await this.col
      .find({}, { projection: { _id: 0 } })
      .sort({ id: 1 })
      .toArray();
    return docs.flatMap((d) => LadderPresetSchema.safeParse(d).data ?? []);
  }

  async save(preset: LadderPreset): Promise<void> {
    const parsed = LadderPresetSchema.parse(preset);
    await this.col.replaceOne({ _id: parsed.id }, parsed, { upsert: true });
  }

  async remove(id: string): Promise<void> {
    await this.col.deleteOne({ _id: id });
  }
}
