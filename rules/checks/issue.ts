import { z } from 'zod';
import { LocalizedTextSchema } from '../model/localized';

export const IssueCodeSchema = z.enum([
  'UNKNOWN_FACT',
  'UNKNOWN_OPERATOR',
  'OPERATOR_NOT_FOR_FACT',
  'INVALID_VALUE',
  'INVALID_REGEX',
  'UNSAFE_REGEX',
  'UNKNOWN_CALENDAR',
  'UNKNOWN_QUEUE',
  'UNKNOWN_SKILL',
  'VALUE_OUT_OF_RANGE',
  'EMPTY_GROUP',
  'NO_ACTIONS',
  'DUPLICATE_RULE_ID',
  'RULE_SHADOWED',
  'OUTPUT_SHADOWED',
  'NO_DEFAULT_RULE',
  'DEFAULT_NOT_LAST',
  'DEFAULT_DISABLED',
  'DEFAULT_HAS_CONDITIONS',
  'OUTPUT_NEVER_SET',
]);
export type IssueCode = z.infer<typeof IssueCodeSchema>;

/** A finding of the static checks; errors block publishing, warnings are shown to the author. */
export const IssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: IssueCodeSchema,
  /** The rule concerned; null for problems of the rule set as a whole. */
  ruleId: z.string().nullable(),
  /** The condition concerned ("all[0].any[1]"), or "" for the rule itself. */
  path: z.string(),
  message: LocalizedTextSchema,
});
export type Issue = z.infer<typeof IssueSchema>;
