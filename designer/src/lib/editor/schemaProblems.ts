import { z } from 'zod';
import { RuleSetSchema, type RuleSet } from '$rules/model/ruleSet';

type ZodIssue = z.core.$ZodIssue;

export const SchemaProblemCodeSchema = z.enum([
  'required',
  'tooSmall',
  'tooBig',
  'tooShort',
  'tooLong',
  'tooFew',
  'tooMany',
  'notInteger',
  'wrongType',
  'notAllowed',
  'badFormat',
  'unknownFields',
  'invalid',
]);
export type SchemaProblemCode = z.infer<typeof SchemaProblemCodeSchema>;

/**
 * A place the rule-set schema refuses, as a code with its parameters for the UI to word: the
 * same for the editor's live check and the server's answer to a save or a publish.
 */
export const SchemaProblemSchema = z.object({
  /** zod's path from the rule set, e.g. ["rules", 0, "actions", 0, "queue"]. */
  path: z.array(z.union([z.string(), z.number()])),
  code: SchemaProblemCodeSchema,
  /** The bound broken by a too-small or too-big value. */
  limit: z.number().optional(),
  /** The unknown field names. */
  keys: z.array(z.string()).optional(),
});
export type SchemaProblem = z.infer<typeof SchemaProblemSchema>;

/** `value` through RuleSetSchema, as the server parses a saved or published draft. */
export function parseRuleSet(
  value: unknown,
): { ok: true; ruleSet: RuleSet } | { ok: false; problems: SchemaProblem[] } {
  // The input tells a missing field from one of the wrong type.
  const parsed = RuleSetSchema.safeParse(value, { reportInput: true });
  if (parsed.success) return { ok: true, ruleSet: parsed.data };
  return { ok: false, problems: flatten(parsed.error.issues, []) };
}

function flatten(issues: readonly ZodIssue[], base: readonly PropertyKey[]): SchemaProblem[] {
  return issues.flatMap((issue) => {
    const path = [...base, ...issue.path].map((k) => (typeof k === 'number' ? k : String(k)));
    // A union (a condition, a group) reports why every member failed: keep the one meant.
    if (issue.code === 'invalid_union' && issue.errors.length > 0)
      return flatten(closestMember(issue.errors), path);
    return [{ path, ...describe(issue) }];
  });
}

function describe(issue: ZodIssue): Omit<SchemaProblem, 'path'> {
  switch (issue.code) {
    case 'too_small': {
      const limit = Number(issue.minimum);
      if (issue.origin === 'string')
        return limit <= 1 ? { code: 'required' } : { code: 'tooShort', limit };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'tooFew', limit };
      return { code: 'tooSmall', limit };
    }
    case 'too_big': {
      const limit = Number(issue.maximum);
      if (issue.origin === 'string') return { code: 'tooLong', limit };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'tooMany', limit };
      return { code: 'tooBig', limit };
    }
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return { code: 'required' };
      return issue.expected === 'int' ? { code: 'notInteger' } : { code: 'wrongType' };
    case 'invalid_value':
      return { code: 'notAllowed' };
    case 'invalid_format':
      return { code: 'badFormat' };
    case 'unrecognized_keys':
      return { code: 'unknownFields', keys: issue.keys };
    default:
      return { code: 'invalid' };
  }
}

/** The member that recognised the most of the input's fields, then the one with fewest issues. */
function closestMember(members: readonly (readonly ZodIssue[])[]): readonly ZodIssue[] {
  const unknownKeys = (issues: readonly ZodIssue[]) =>
    issues.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? i.keys.length : 0), 0);
  return [...members].sort(
    (a, b) => unknownKeys(a) - unknownKeys(b) || a.length - b.length,
  )[0] as readonly ZodIssue[];
}
