import { z } from 'zod';

/** Scalars and lists a condition compares a fact with; operators narrow this further. */
export const ConditionValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string(), z.number()])),
]);
export type ConditionValue = z.infer<typeof ConditionValueSchema>;

/**
 * One comparison of a fact with a value. Fact and operator are free strings so that a draft with
 * a typo still loads; the static checks report unknown facts and operators before publish.
 */
export const LeafConditionSchema = z.strictObject({
  fact: z.string().min(1),
  operator: z.string().min(1),
  value: ConditionValueSchema,
});
export type LeafCondition = z.infer<typeof LeafConditionSchema>;

export const AllGroupSchema = z.strictObject({
  get all(): z.ZodArray<typeof ConditionSchema> {
    return z.array(ConditionSchema);
  },
});
export const AnyGroupSchema = z.strictObject({
  get any(): z.ZodArray<typeof ConditionSchema> {
    return z.array(ConditionSchema);
  },
});
export const NotGroupSchema = z.strictObject({
  get not(): typeof ConditionSchema {
    return ConditionSchema;
  },
});

/** The top of a rule's conditions is always a group: the json-rules-engine condition format. */
export const GroupConditionSchema = z.union([AllGroupSchema, AnyGroupSchema, NotGroupSchema]);
export type GroupCondition = z.infer<typeof GroupConditionSchema>;

export const ConditionSchema = z.union([
  LeafConditionSchema,
  AllGroupSchema,
  AnyGroupSchema,
  NotGroupSchema,
]);
export type Condition = z.infer<typeof ConditionSchema>;

export function isLeaf(condition: Condition): condition is LeafCondition {
  return 'fact' in condition;
}
