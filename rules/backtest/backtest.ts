import { sameJson } from '../json/canonical';
import { type CompileOptions, compileRuleSet } from '../engine/compileRuleSet';
import type { Decision } from '../model/decision';
import type { Facts } from '../model/facts';
import type { RuleSet } from '../model/ruleSet';

/** A past contact as stored with its decision. */
export interface BacktestContact {
  caseId: string;
  facts: Facts;
  decision: Decision;
}

export const comparedOutputs = ['queue', 'priority', 'promise'] as const;
export type ComparedOutput = (typeof comparedOutputs)[number];

export interface BacktestExample {
  caseId: string;
  before: unknown;
  after: unknown;
  /** The rules that produced the value: the one that set it, then any that raised it. */
  beforeRuleIds: string[];
  afterRuleIds: string[];
}

export interface BacktestReport {
  contacts: number;
  /** Contacts with at least one compared output different. */
  changed: number;
  outputs: Record<ComparedOutput, { changed: number; examples: BacktestExample[] }>;
  /** Contacts on which the draft reported rule errors (missing facts, failing rules). */
  contactsWithRuleErrors: number;
}

export interface BacktestOptions extends CompileOptions {
  /** Examples kept per output. */
  examples?: number;
}

/**
 * What a draft would have changed on past contacts. "Before" is the baseline rule set run on the
 * same stored facts, so differences come from the rules alone; without a baseline it is the
 * decision stored with each contact. Compiles each rule set once, does no I/O.
 */
export function backtest(
  draft: RuleSet,
  baseline: RuleSet | null,
  contacts: readonly BacktestContact[],
  options: BacktestOptions = {},
): BacktestReport {
  const maxExamples = options.examples ?? 5;
  const after = compileRuleSet(draft, options);
  const before = baseline ? compileRuleSet(baseline, options) : null;
  const report: BacktestReport = {
    contacts: contacts.length,
    changed: 0,
    outputs: {
      queue: { changed: 0, examples: [] },
      priority: { changed: 0, examples: [] },
      promise: { changed: 0, examples: [] },
    },
    contactsWithRuleErrors: 0,
  };
  for (const contact of contacts) {
    const { decision: next, errors } = after.evaluate(contact.facts);
    const previous = before ? before.evaluate(contact.facts).decision : contact.decision;
    if (errors.length > 0) report.contactsWithRuleErrors += 1;
    let changed = false;
    for (const output of comparedOutputs) {
      if (sameJson(previous[output], next[output])) continue;
      changed = true;
      const entry = report.outputs[output];
      entry.changed += 1;
      if (entry.examples.length < maxExamples) {
        entry.examples.push({
          caseId: contact.caseId,
          before: previous[output],
          after: next[output],
          beforeRuleIds: responsible(previous, output),
          afterRuleIds: responsible(next, output),
        });
      }
    }
    if (changed) report.changed += 1;
  }
  return report;
}

function responsible(decision: Decision, output: ComparedOutput): string[] {
  const setBy = decision.explanation.outputs[output];
  const raisedBy = output === 'priority' ? (decision.explanation.contributors?.priority ?? []) : [];
  return [...(setBy ? [setBy] : []), ...raisedBy];
}
