import type { Action } from '../../../rules/model/actions';
import type { GroupCondition } from '../../../rules/model/conditions';
import type { Facts } from '../../../rules/model/facts';
import type { Rule, RuleSet } from '../../../rules/model/ruleSet';

export function makeFacts(overrides: Partial<Facts> = {}): Facts {
  return {
    channel: 'email',
    previousChannel: null,
    category: null,
    subject: 'Question',
    text: 'Bonjour, une question sur ma commande.',
    language: 'fr',
    customerTier: 'standard',
    customerSegment: 'B2C',
    openCases: 0,
    contactsLast7Days: 0,
    lastCsat: null,
    sentiment: 0,
    angerScore: 0,
    withinBusinessHours: true,
    channelSwitches: 0,
    minutesWaiting: 0,
    callbackRequested: false,
    receivedAt: '2026-03-10T10:00:00.000Z',
    lastContactAt: null,
    ...overrides,
  };
}

export function makeRule(
  id: string,
  conditions: GroupCondition,
  actions: Action[],
  extra: Partial<Rule> = {},
): Rule {
  return {
    id,
    name: { fr: `Règle ${id}`, en: `Rule ${id}` },
    description: { fr: '', en: '' },
    enabled: true,
    isDefault: false,
    conditions,
    actions,
    ...extra,
  };
}

export const defaultActions: Action[] = [
  { type: 'setPriority', priority: 3 },
  { type: 'route', queue: 'general', skills: [] },
  {
    type: 'setPromise',
    acknowledgeMinutes: 0,
    firstResponseMinutes: 1440,
    resolutionMinutes: null,
    businessHours: false,
    calendarId: 'default',
  },
  {
    type: 'setEscalation',
    warnAtRatio: 0.8,
    levels: [
      { afterBreachMinutes: 0, boostPriority: 1, moveToQueue: null, notifySupervisor: true },
    ],
  },
  { type: 'setAckTemplate', template: 'ack-default' },
  { type: 'setSurvey', kind: 'csat', channel: 'same', windowHours: 72, reminderAfterHours: 24 },
  { type: 'setReopenWindow', days: 7 },
  { type: 'deflect', to: 'none' },
];

export const defaultRule: Rule = makeRule('default', { all: [] }, defaultActions, {
  isDefault: true,
});

let made = 0;

/**
 * A rule set made of `rules` and the standard default rule. Each gets its own id: published
 * versions are compiled once per id@version, so two different sets must not share one.
 */
export function makeRuleSet(rules: Rule[], version = 1, id = `test-${++made}`): RuleSet {
  return { id, name: { fr: 'Test', en: 'Test' }, version, rules: [...rules, defaultRule] };
}

export const when = (fact: string, operator: string, value: unknown): GroupCondition =>
  ({ all: [{ fact, operator, value }] }) as GroupCondition;
