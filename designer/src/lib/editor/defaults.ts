import type { Action, ActionType } from '$rules/model/actions';
import type { ConditionValue, LeafCondition } from '$rules/model/conditions';
import type { CasePromise, EscalationLadder } from '$rules/model/decision';
import type { Rule } from '$rules/model/ruleSet';
import { findFact, type FactDefinition } from '$rules/facts/catalogue';
import { operatorsFor } from '$rules/operators/registry';

/** Operators whose value is a list of the fact's values. */
export const listOperators = ['in', 'notIn'] as const;
export const isListOperator = (op: string) => (listOperators as readonly string[]).includes(op);

/** A value that fits the operator, for a condition whose fact or operator just changed. */
export function defaultValue(fact: FactDefinition, operator: string): ConditionValue {
  const first = fact.values?.[0]?.value ?? '';
  switch (operator) {
    case 'in':
    case 'notIn':
      return fact.type === 'enum' ? [first] : [];
    case 'between':
      return [fact.min ?? 0, fact.max ?? (fact.type === 'duration' ? 60 : 10)];
    case 'containsAnyWord':
      return [];
    case 'matchesPattern':
      return '';
    case 'withinLast':
    case 'olderThan':
      return 1440;
    case 'inBusinessHours':
      return 'default';
  }
  switch (fact.type) {
    case 'enum':
      return first;
    case 'number':
      return fact.min ?? 0;
    case 'duration':
      return 60;
    case 'boolean':
      return true;
    default:
      return '';
  }
}

/** The condition with a new fact: the first operator offered for it and a fitting value. */
export function withFact(leaf: LeafCondition, factName: string): LeafCondition {
  const fact = findFact(factName);
  if (!fact) return { ...leaf, fact: factName };
  const ops = operatorsFor(fact).map((o) => o.name);
  const operator = ops.includes(leaf.operator) ? leaf.operator : (ops[0] ?? 'equal');
  const keepValue = leaf.fact === factName && ops.includes(leaf.operator);
  return { fact: factName, operator, value: keepValue ? leaf.value : defaultValue(fact, operator) };
}

export function withOperator(leaf: LeafCondition, operator: string): LeafCondition {
  const fact = findFact(leaf.fact);
  if (!fact) return { ...leaf, operator };
  const sameShape =
    isListOperator(operator) === isListOperator(leaf.operator) &&
    !['between', 'containsAnyWord', 'matchesPattern', 'inBusinessHours'].some(
      (o) => o === operator || o === leaf.operator,
    );
  return { ...leaf, operator, value: sameShape ? leaf.value : defaultValue(fact, operator) };
}

export const newLeaf = (): LeafCondition =>
  withFact({ fact: '', operator: '', value: '' }, 'channel');

function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 7);
}

export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

export function newRule(name: { fr: string; en: string }, taken: ReadonlySet<string>): Rule {
  let id = `rule-${randomSuffix()}`;
  while (taken.has(id)) id = `rule-${randomSuffix()}`;
  return {
    id,
    name,
    description: { fr: '', en: '' },
    enabled: true,
    isDefault: false,
    conditions: { all: [] },
    actions: [],
  };
}

export function copyRule(rule: Rule, taken: ReadonlySet<string>): Rule {
  const base = slug(rule.id) || 'rule';
  let id = `${base}-copy`;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-copy-${n}`;
  return {
    ...structuredClone(rule),
    id,
    isDefault: false,
    name: { fr: `${rule.name.fr} (copie)`, en: `${rule.name.en} (copy)` },
  };
}

/** Promise presets from the field: what customers expect on each channel. */
export const promisePresets = [
  { key: 'chat', minutes: 1 },
  { key: 'phone', minutes: 2 },
  { key: 'social', minutes: 60 },
  { key: 'email', minutes: 24 * 60 },
  { key: 'webform', minutes: 48 * 60 },
] as const;

export const defaultPromise = (): CasePromise => ({
  acknowledgeMinutes: 0,
  firstResponseMinutes: 24 * 60,
  resolutionMinutes: null,
  businessHours: false,
  calendarId: 'default',
});

export const defaultLadder = (): EscalationLadder => ({
  warnAtRatio: 0.8,
  levels: [{ afterBreachMinutes: 0, boostPriority: 1, moveToQueue: null, notifySupervisor: true }],
});

/** The order in which actions are offered and shown. */
export const actionTypes: readonly ActionType[] = [
  'setPriority',
  'raisePriority',
  'route',
  'setPromise',
  'setEscalation',
  'setAckTemplate',
  'setSurvey',
  'setReopenWindow',
  'deflect',
  'tag',
];

export function newAction(type: ActionType): Action {
  switch (type) {
    case 'setPriority':
      return { type, priority: 3 };
    case 'raisePriority':
      return { type, steps: 1 };
    case 'route':
      return { type, queue: '', skills: [] };
    case 'setPromise':
      return { type, ...defaultPromise() };
    case 'setEscalation':
      return { type, ...defaultLadder() };
    case 'setAckTemplate':
      return { type, template: 'ack-default' };
    case 'tag':
      return { type, tags: [] };
    case 'setSurvey':
      return { type, kind: 'csat', channel: 'same', windowHours: 72, reminderAfterHours: 24 };
    case 'setReopenWindow':
      return { type, days: 7 };
    case 'deflect':
      return { type, to: 'selfcare' };
  }
}

/** How the fact picker groups the catalogue. */
export const factGroups: Record<'contact' | 'customer' | 'history' | 'time', readonly string[]> = {
  contact: [
    'channel',
    'previousChannel',
    'category',
    'subject',
    'text',
    'language',
    'sentiment',
    'angerScore',
    'callbackRequested',
  ],
  customer: ['customerTier', 'customerSegment', 'lastCsat'],
  history: ['openCases', 'contactsLast7Days', 'channelSwitches', 'lastContactAt'],
  time: ['withinBusinessHours', 'minutesWaiting', 'receivedAt'],
};
