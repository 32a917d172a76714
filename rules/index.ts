export * from './model/actions';
export * from './model/calendar';
export * from './model/channel';
export * from './model/conditions';
export * from './model/conditionTree';
export * from './model/decision';
export * from './model/facts';
export * from './model/localized';
export * from './model/ruleSet';
export { RulesError, type RulesErrorCode } from './errors';
export {
  factCatalogue,
  findFact,
  FactDefinitionSchema,
  FactTypeSchema,
  type FactDefinition,
  type FactName,
  type FactType,
} from './facts/catalogue';
export { buildFacts, FactsInputSchema, type FactsInput } from './facts/buildFacts';
export { scoreText, type TextScore } from './facts/sentiment';
export { angerKeywords, type AngerKeyword } from './facts/keywords';
export { findOperator, operators, operatorsFor } from './operators/registry';
export type { OperatorDefinition, OperatorEnv, Predicate } from './operators/operator';
export { compileRuleSet, type CompileOptions } from './engine/compileRuleSet';
export { CompiledRuleSet, type Evaluation, type RuleErrorRecord } from './engine/CompiledRuleSet';
export { createDecider, Decider } from './engine/Decider';
export { decide, ruleMetrics } from './engine/decide';
export { RuleMetrics } from './engine/RuleMetrics';
export { checkRuleSet } from './checks/checkRuleSet';
export { IssueCodeSchema, IssueSchema, type Issue, type IssueCode } from './checks/issue';
export { ANGER_THRESHOLD, defaultRuleSet } from './defaults/defaultRuleSet';
export {
  backtest,
  comparedOutputs,
  type BacktestContact,
  type BacktestExample,
  type BacktestOptions,
  type BacktestReport,
  type ComparedOutput,
} from './backtest/backtest';
export { describeRule } from './describe/describeRule';
export { describeCondition } from './describe/describeCondition';
export { describeAction } from './describe/describeAction';
export { diffRuleSets, type RuleField, type RuleSetDiff } from './describe/diffRuleSets';
