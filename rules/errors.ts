import type { LocalizedText } from './model/localized';

/** Why the rules library refused something; codes are stable, messages are for people. */
export type RulesErrorCode =
  | 'UNKNOWN_FACT'
  | 'MISSING_FACT'
  | 'UNKNOWN_OPERATOR'
  | 'OPERATOR_NOT_FOR_FACT'
  | 'INVALID_VALUE'
  | 'INVALID_REGEX'
  | 'UNSAFE_REGEX'
  | 'UNKNOWN_CALENDAR'
  | 'RULE_THREW'
  | 'NO_DEFAULT_RULE';

export class RulesError extends Error {
  constructor(
    readonly code: RulesErrorCode,
    readonly messages: LocalizedText,
  ) {
    super(messages.en);
    this.name = 'RulesError';
  }
}
