import { RulesError } from '../errors';
import type { Action, SingleValuedActionType } from '../model/actions';
import { isSingleValued, outputsOfAction } from '../model/actions';
import type { DecisionOutputs } from '../model/decision';
import type { Rule } from '../model/ruleSet';

export interface Merged {
  outputs: DecisionOutputs;
  /** For each single-valued output, the id of the rule that set it. */
  setBy: Record<string, string>;
  /** For outputs that accumulate, every rule that contributed, in rule order. */
  contributors: { tags: string[]; priority: string[] };
}

type Winner<K extends SingleValuedActionType> = Extract<Action, { type: K }>;

/**
 * The merge semantics, given the fired rules in rule-set order (default last):
 * - each single-valued output comes from the first rule that sets it;
 * - tags accumulate, in order, without duplicates;
 * - every raisePriority moves the winning priority towards 1, clamped to 1…5.
 */
export function mergeActions(fired: readonly Rule[]): Merged {
  const winners = new Map<SingleValuedActionType, { action: Action; ruleId: string }>();
  const tags = new Set<string>();
  const contributors: Merged['contributors'] = { tags: [], priority: [] };
  let raise = 0;
  for (const rule of fired) {
    for (const action of rule.actions) {
      if (isSingleValued(action.type)) {
        if (!winners.has(action.type)) winners.set(action.type, { action, ruleId: rule.id });
      } else if (action.type === 'tag') {
        action.tags.forEach((tag) => tags.add(tag));
        addOnce(contributors.tags, rule.id);
      } else if (action.type === 'raisePriority') {
        raise += action.steps;
        addOnce(contributors.priority, rule.id);
      }
    }
  }
  const win = <K extends SingleValuedActionType>(type: K): Winner<K> => {
    const found = winners.get(type);
    if (!found) {
      throw new RulesError('NO_DEFAULT_RULE', {
        fr: `Aucune règle ne fixe « ${type} » : la règle par défaut doit le faire.`,
        en: `No rule sets "${type}": the default rule must.`,
      });
    }
    return found.action as Winner<K>;
  };
  const { priority } = win('setPriority');
  const { queue, skills } = win('route');
  const promise = win('setPromise');
  const escalation = win('setEscalation');
  const survey = win('setSurvey');
  const setBy: Record<string, string> = {};
  for (const [type, { ruleId }] of winners) {
    for (const output of outputsOfAction[type]) setBy[output] = ruleId;
  }
  return {
    outputs: {
      priority: Math.min(5, Math.max(1, priority - raise)),
      queue,
      skills: [...skills],
      promise: {
        acknowledgeMinutes: promise.acknowledgeMinutes,
        firstResponseMinutes: promise.firstResponseMinutes,
        resolutionMinutes: promise.resolutionMinutes,
        businessHours: promise.businessHours,
        calendarId: promise.calendarId,
      },
      escalation: {
        warnAtRatio: escalation.warnAtRatio,
        levels: escalation.levels.map((level) => ({ ...level })),
      },
      ackTemplate: win('setAckTemplate').template,
      tags: [...tags],
      survey: {
        kind: survey.kind,
        channel: survey.channel,
        windowHours: survey.windowHours,
        reminderAfterHours: survey.reminderAfterHours,
      },
      reopenWindowDays: win('setReopenWindow').days,
      deflect: win('deflect').to,
    },
    setBy,
    contributors,
  };
}

function addOnce(list: string[], id: string): void {
  if (!list.includes(id)) list.push(id);
}
