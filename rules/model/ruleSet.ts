import { z } from 'zod';
import { ActionSchema } from './actions';
import { GroupConditionSchema } from './conditions';
import { LocalizedTextSchema } from './localized';

export const RuleSchema = z.object({
  id: z.string().min(1),
  name: LocalizedTextSchema,
  description: LocalizedTextSchema,
  enabled: z.boolean(),
  /** The catch-all last rule: no conditions, sets every single-valued output. */
  isDefault: z.boolean().default(false),
  conditions: GroupConditionSchema,
  actions: z.array(ActionSchema),
});
export type Rule = z.infer<typeof RuleSchema>;

/**
 * An ordered list of rules. Version 0 is the editable draft; published versions are numbered
 * from 1 and never change, which is what lets a version be compiled once and reused.
 */
export const RuleSetSchema = z.object({
  id: z.string().min(1),
  name: LocalizedTextSchema,
  version: z.number().int().min(0),
  rules: z.array(RuleSchema),
});
export type RuleSet = z.infer<typeof RuleSetSchema>;
