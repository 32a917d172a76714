import { z } from 'zod';

/** Catalogue ids are what rules, agents and the API name: short, lower case, stable. */
export const CatalogueIdSchema = z
  .string()
  .max(60)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes, e.g. "billing-fr"');

/** Both languages of the designer: what the UI shows instead of the id. */
export const LabelsSchema = z.object({
  fr: z.string().trim().min(1).max(100),
  en: z.string().trim().min(1).max(100),
});
export type Labels = z.infer<typeof LabelsSchema>;
