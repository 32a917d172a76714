import type { Db } from 'mongodb';
import { z } from 'zod';
import type { Actor } from '../../rules/actor';
import type { CatalogueAuditStore } from './catalogueAudit';
import { CatalogueCollection } from './catalogueCollection';
import { CatalogueIdSchema, LabelsSchema } from './catalogueFields';
import type { RemoveResult } from './usage';

/** One more thing the web form asks for this category, e.g. the order number. */
export const CategoryFieldSchema = z.object({
  id: CatalogueIdSchema,
  labels: LabelsSchema,
  required: z.boolean(),
});
export type CategoryField = z.infer<typeof CategoryFieldSchema>;

/**
 * A contact category customers pick on the web form; its id is the `category` the rules see.
 * The fields it needs are asked on the form and written at the top of the message.
 */
export const CategoryDocSchema = z.object({
  _id: CatalogueIdSchema,
  labels: LabelsSchema,
  fields: z
    .array(CategoryFieldSchema)
    .max(8)
    .refine((fs) => new Set(fs.map((f) => f.id)).size === fs.length, 'each field once'),
});
export type CategoryDoc = z.infer<typeof CategoryDocSchema>;

export class CategoryStore extends CatalogueCollection<CategoryDoc> {
  constructor(db: Db, audit: CatalogueAuditStore) {
    super(db, 'contactCategories', 'category', CategoryDocSchema, audit);
  }

  /** Rules match categories as free text, so removing one only takes it off the form. */
  async remove(id: string, actor: Actor): Promise<RemoveResult> {
    await this.delete(id, actor);
    return { ok: true };
  }
}
