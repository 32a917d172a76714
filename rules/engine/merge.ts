import { RulesError } from '../errors';
import type { Action, SingleValuedActionType } from '../model/actions';
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
 *
 * Runs on every decision, so it keeps one variable per output rather than a map, and records
 * which rule set an output (`setBy`, in the order the outputs were first set) as it goes.
 */
export function mergeActions(fired: readonly Rule[]): Merged {
  let priority: Winner<'setPriority'> | undefined;
  let route: Winner<'route'> | undefined;
  let promise: Winner<'setPromise'> | undefined;
  let escalation: Winner<'setEscalation'> | undefined;
  let ackTemplate: Winner<'setAckTemplate'> | undefined;
  let survey: Winner<'setSurvey'> | undefined;
  let reopenWindow: Winner<'setReopenWindow'> | undefined;
  let deflect: Winner<'deflect'> | undefined;
  const setBy: Record<string, string> = {};
  const tags: string[] = [];
  let seenTags: Set<string> | null = null;
  const contributors: Merged['contributors'] = { tags: [], priority: [] };
  let raise = 0;
  for (const rule of fired) {
    const ruleId = rule.id;
    for (const action of rule.actions) {
      switch (action.type) {
        case 'setPriority':
          if (!priority) {
            priority = action;
            setBy.priority = ruleId;
          }
          break;
        case 'route':
          if (!route) {
            route = action;
            setBy.queue = ruleId;
            setBy.skills = ruleId;
          }
          break;
        case 'setPromise':
          if (!promise) {
            promise = action;
            setBy.promise = ruleId;
          }
          break;
        case 'setEscalation':
          if (!escalation) {
            escalation = action;
            setBy.escalation = ruleId;
          }
          break;
        case 'setAckTemplate':
          if (!ackTemplate) {
            ackTemplate = action;
            setBy.ackTemplate = ruleId;
          }
          break;
        case 'setSurvey':
          if (!survey) {
            survey = action;
            setBy.survey = ruleId;
          }
          break;
        case 'setReopenWindow':
          if (!reopenWindow) {
            reopenWindow = action;
            setBy.reopenWindowDays = ruleId;
          }
          break;
        case 'deflect':
          if (!deflect) {
            deflect = action;
            setBy.deflect = ruleId;
          }
          break;
        case 'tag':
          seenTags ??= new Set();
          for (const tag of action.tags) {
            if (!seenTags.has(tag)) {
              seenTags.add(tag);
              tags.push(tag);
            }
          }
          addOnce(contributors.tags, ruleId);
          break;
        case 'raisePriority':
          raise += action.steps;
          addOnce(contributors.priority, ruleId);
          break;
      }
    }
  }
  const { priority: winning } = required(priority, 'setPriority');
  const { queue, skills } = required(route, 'route');
  const setPromise = required(promise, 'setPromise');
  const setEscalation = required(escalation, 'setEscalation');
  const setSurvey = required(survey, 'setSurvey');
  return {
    outputs: {
      priority: Math.min(5, Math.max(1, winning - raise)),
      queue,
      skills: [...skills],
      promise: {
        acknowledgeMinutes: setPromise.acknowledgeMinutes,
        firstResponseMinutes: setPromise.firstResponseMinutes,
        resolutionMinutes: setPromise.resolutionMinutes,
        businessHours: setPromise.businessHours,
        calendarId: setPromise.calendarId,
      },
      escalation: {
        warnAtRatio: setEscalation.warnAtRatio,
        levels: setEscalation.levels.map((level) => ({ ...level })),
      },
      ackTemplate: required(ackTemplate, 'setAckTemplate').template,
      tags,
      survey: {
        kind: setSurvey.kind,
        channel: setSurvey.channel,
        windowHours: setSurvey.windowHours,
        reminderAfterHours: setSurvey.reminderAfterHours,
      },
      reopenWindowDays: required(reopenWindow, 'setReopenWindow').days,
      deflect: required(deflect, 'deflect').to,
    },
    setBy,
    contributors,
  };
}

function required<A extends Action>(action: A | undefined, type: SingleValuedActionType): A {
  if (action) return action;
  throw new RulesError('NO_DEFAULT_RULE', {
    fr: `Aucune règle ne fixe « ${type} » : la règle par défaut doit le faire.`,
    en: `No rule sets "${type}": the default rule must.`,
  });
}

/** Rules come in order, so a rule already listed is almost always the last one. */
function addOnce(list: string[], id: string): void {
  if (list[list.length - 1] !== id && !list.includes(id)) list.push(id);
}
