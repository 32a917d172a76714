import { type RuleSet, RuleSetSchema } from '../../rules/model/ruleSet';
import { InvalidInputError } from './errors';
import { zodProblems } from './zodProblems';

/**
 * The rule set as git-reviewable JSON. Parsing rebuilds every object in the schema's key order,
 * so equal rule sets always give the same text, whatever order their keys were written in.
 */
export function ruleSetToJson(ruleSet: RuleSet): string {
  return `${JSON.stringify(RuleSetSchema.parse(ruleSet), null, 2)}\n`;
}

/** Same rules and name, whatever their version numbers. */
export function sameRuleSet(a: RuleSet, b: RuleSet): boolean {
  return ruleSetToJson({ ...a, version: 0 }) === ruleSetToJson({ ...b, version: 0 });
}

export function parseRuleSet(data: unknown): RuleSet {
  const parsed = RuleSetSchema.safeParse(data);
  if (!parsed.success)
    throw new InvalidInputError(
      'the rule set does not match the schema',
      zodProblems(parsed.error),
    );
  return parsed.data;
}

export function parseRuleSetJson(text: string): RuleSet {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InvalidInputError('the rule set is not valid JSON', [
      { path: '', message: withLineAndColumn(text, (err as Error).message) },
    ]);
  }
  return parseRuleSet(data);
}

/** V8 reports a character offset; people look for a line. */
function withLineAndColumn(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined || /\(line \d+/.test(message)) return message;
  const before = text.slice(0, Number(position)).split('\n');
  return `${message} (line ${before.length} column ${(before.at(-1)?.length ?? 0) + 1})`;
}
