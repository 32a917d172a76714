import { sameJson } from '../json/canonical';
import { type CompileOptions, compileRuleSet } from '../engine/compileRuleSet';
import type { Decision } from '../model/decision';
import type { Facts } from '../model/facts';
import type { RuleSet } from '../model/ruleSet';

/** A past case as stored with its latest decision. */
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
  /** Cases replayed, each once. */
  cases: number;
  /** Cases with at least one compared output different. */
  changed: number;
  outputs: Record<ComparedOutput, { changed: number; examples: BacktestExample[] }>;
  /** Cases on which the draft reported rule errors (missing facts, failing rules). */
  casesWithRuleErrors: number;
}

export interface BacktestOptions extends CompileOptions {
  /** Examples kept per output. */
  examples?: number;
}

/**
 * What a draft would have changed on past cases. "Before" is the baseline rule set run on the
 * same stored facts, so differences come from the rules alone; without a baseline it is the
 * decision stored with each case. Compiles each rule set once, does no I/O.
 *
 * A case decided again (a threaded follow-up) counts once: `contacts` come newest first, and only
 * the first entry of each case, its latest decision, is replayed.
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
  const latest = latestPerCase(contacts);
  const report: BacktestReport = {
    cases: latest.length,
    changed: 0,
    outputs: {
      queue: { changed: 0, examples: [] },
      priority: { changed: 0, examples: [] },
      promise: { changed: 0, examples: [] },
    },
    casesWithRuleErrors: 0,
  };
  for (const contact of latest) {
    const { decision: next, errors } = after.evaluate(contact.facts);
    const previous = before ? before.evaluate(contact.facts).decision : contact.decision;
    if (errors.length > 0) report.casesWithRuleErrors += 1;
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

function latestPerCase(contacts: readonly BacktestContact[]): BacktestContact[] {
  const seen = new Set<string>();
  return contacts.filter((c) => {
    if (seen.has(c.caseId)) return false;
    seen.add(c.caseId);
    return true;
  });
}

function responsible(decision: Decision, output: ComparedOutput): string[] {
  const setBy = decision.explanation.outputs[output];
  const raisedBy = output === 'priority' ? (decision.explanation.contributors?.priority ?? []) : [];
  return [...(setBy ? [setBy] : []), ...raisedBy];
}
