import type { RulesErrorCode } from '../errors';

/** In-memory counters the worker reads and exports; one instance per Decider. */
export class RuleMetrics {
  decisions = 0;
  /** Rule sets compiled: once per published version, plus every draft decision. */
  compilations = 0;
  ruleErrors = 0;
  readonly errorsByCode: Partial<Record<RulesErrorCode, number>> = {};

  recordDecision(errorCodes: readonly RulesErrorCode[]): void {
    this.decisions += 1;
    this.ruleErrors += errorCodes.length;
    for (const code of errorCodes) this.errorsByCode[code] = (this.errorsByCode[code] ?? 0) + 1;
  }
}
