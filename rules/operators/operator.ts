import type { FactDefinition, FactType } from '../facts/catalogue';
import type { Calendar } from '../model/calendar';
import type { ConditionValue } from '../model/conditions';
import type { LocalizedText } from '../model/localized';

export interface OperatorEnv {
  calendars: ReadonlyMap<string, Calendar>;
}

/** The test of one condition, built once when the rule set is compiled. */
export type Predicate = (factValue: unknown) => boolean;

/**
 * An operator declared as data. `compile` validates the condition's value against the fact and
 * prepares it once (a regex, a word matcher, a calendar) so evaluation does no parsing; it throws
 * a RulesError with a code when the value does not fit.
 */
export interface OperatorDefinition {
  name: string;
  labels: LocalizedText;
  factTypes: readonly FactType[];
  /**
   * What the predicate receives: the fact's value, or for datetimes the minutes between that
   * time and `receivedAt` (null when either is missing), which is what durations compare with.
   */
  input: 'value' | 'minutesBeforeReceived';
  compile(value: ConditionValue, fact: FactDefinition, env: OperatorEnv): Predicate;
}
