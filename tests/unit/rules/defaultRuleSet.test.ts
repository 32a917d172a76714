import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decide } from '../../../rules/engine/decide';
import { defaultRuleSet } from '../../../rules/defaults/defaultRuleSet';
import { buildFacts } from '../../../rules/facts/buildFacts';
import type { Channel } from '../../../rules/model/channel';
import { type Decision, DecisionSchema } from '../../../rules/model/decision';
import { RuleSetSchema } from '../../../rules/model/ruleSet';
import { makeFacts } from './fixtures';

interface Sample {
  messageId: string;
  channel: Channel;
  lang: 'fr' | 'en';
  subject: string | null;
  text: string;
  customer: { tier?: 'standard' | 'premium' | 'vip'; segment?: 'B2C' | 'B2B' };
  ivrChoice?: string;
  formCategory?: string;
  callbackRequested?: string;
}

// A copy of the shared inbound sample corpus, kept beside the test so it runs anywhere.
const corpus: Sample[] = readFileSync(
  new URL('./data/inbound-sample.jsonl', import.meta.url),
  'utf8',
)
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Sample);

async function decideSample(sample: Sample): Promise<Decision> {
  const facts = buildFacts({
    message: {
      channel: sample.channel,
      previousChannel: null,
      category: sample.ivrChoice ?? sample.formCategory ?? null,
      subject: sample.subject ?? '',
      text: sample.text,
      lang: sample.lang,
      receivedAt: '2026-03-10T10:00:00.000Z',
      callbackRequested: sample.callbackRequested !== undefined,
    },
    customer: {
      tier: sample.customer.tier ?? 'standard',
      segment: sample.customer.segment ?? 'B2C',
      lastCsat: null,
    },
    history: { openCases: 0, contactsLast7Days: 0, channelSwitches: 0, minutesWaiting: 0 },
    withinBusinessHours: true,
  });
  return decide(defaultRuleSet, facts);
}

const decisions = new Map<string, Decision>();
for (const sample of corpus) decisions.set(sample.messageId, await decideSample(sample));
const decisionOf = (id: string) => decisions.get(`sample-${id}`) as Decision;

describe('default rule set', () => {
  it('is a valid rule set ending with its default rule', () => {
    expect(RuleSetSchema.parse(defaultRuleSet)).toEqual(defaultRuleSet);
    expect(defaultRuleSet.rules.at(-1)).toMatchObject({ id: 'default', isDefault: true });
    for (const rule of defaultRuleSet.rules) {
      expect(
        rule.name.fr && rule.name.en && rule.description.fr && rule.description.en,
      ).toBeTruthy();
    }
  });

  it('decides every corpus message without errors', () => {
    expect(decisions.size).toBe(corpus.length);
    for (const decision of decisions.values()) {
      expect(DecisionSchema.parse(decision)).toEqual(decision);
      expect(decision.explanation.errors).toEqual([]);
    }
  });

  it.each([
    ['chat', 1, false],
    ['phone', 2, false],
    ['click-to-call', 2, false],
    ['social', 60, false],
    ['email', 24 * 60, false],
    ['webform', 48 * 60, false],
    ['mail', 5 * 9 * 60, true],
  ] as const)(
    'promises a first response on %s within %i minutes',
    async (channel, minutes, business) => {
      const decision = await decide(defaultRuleSet, makeFacts({ channel }));
      expect(decision.promise).toMatchObject({
        firstResponseMinutes: minutes,
        businessHours: business,
        calendarId: 'default',
      });
    },
  );

  it('moves social conversations to private', async () => {
    expect((await decide(defaultRuleSet, makeFacts({ channel: 'social' }))).tags).toContain(
      'moved-to-private',
    );
  });

  it('falls back to priority 3, the general queue and the default policies', async () => {
    const decision = await decide(
      defaultRuleSet,
      makeFacts({ channel: 'email', text: 'Bonjour', subject: '' }),
    );
    expect(decision).toMatchObject({
      priority: 3,
      queue: 'general',
      ackTemplate: 'ack-default',
      reopenWindowDays: 7,
      deflect: 'none',
      survey: { kind: 'csat', channel: 'same', windowHours: 72, reminderAfterHours: 24 },
      escalation: {
        warnAtRatio: 0.8,
        levels: [
          { afterBreachMinutes: 0, boostPriority: 1, moveToQueue: null, notifySupervisor: true },
          {
            afterBreachMinutes: 60,
            boostPriority: 1,
            moveToQueue: 'escalations',
            notifySupervisor: false,
          },
        ],
      },
    });
  });

  it('routes billing, quotes, delivery and B2B from the corpus', () => {
    expect(decisionOf('004').queue).toBe('billing'); // facture, even with "livraison" in it
    expect(decisionOf('006').queue).toBe('billing');
    expect(decisionOf('001').queue).toBe('logistics');
    expect(decisionOf('019').queue).toBe('logistics');
    expect(decisionOf('008').queue).toBe('b2b-desk');
    expect(decisionOf('010').queue).toBe('b2b-desk');
    expect(decisionOf('018').queue).toBe('general');
  });

  it('routes a B2C quote request to sales', async () => {
    const decision = await decide(
      defaultRuleSet,
      makeFacts({ subject: 'Demande de devis', text: 'Pour 3 fenêtres.' }),
    );
    expect(decision.queue).toBe('sales');
  });

  it('raises priority for disputes and better customers', () => {
    expect(decisionOf('005').priority).toBe(1); // premium and "inadmissible… résilier"
    expect(decisionOf('005').tags).toEqual(expect.arrayContaining(['dispute', 'premium']));
    expect(decisionOf('023').tags).toContain('dispute'); // mise en demeure, médiateur
    expect(decisionOf('024').priority).toBe(2); // lawyer, formal complaint
    expect(decisionOf('016').priority).toBe(1); // VIP
    expect(decisionOf('021').priority).toBe(2); // premium
    expect(decisionOf('013').priority).toBe(3); // a happy customer
    expect(decisionOf('013').tags).not.toContain('dispute');
  });

  it('deflects simple questions to self-care first', () => {
    expect(decisionOf('014').deflect).toBe('selfcare'); // opening hours
    expect(decisionOf('015').deflect).toBe('selfcare'); // où en est ma commande
    expect(decisionOf('002').deflect).toBe('none'); // a phone call is not deflected
    expect(decisionOf('003').deflect).toBe('none');
  });

  it('gives an SMS STOP the lowest priority', () => {
    expect(decisionOf('020')).toMatchObject({ priority: 5, tags: ['opt-out'] });
    expect(decisionOf('019').priority).toBe(3);
  });

  it('explains which rule set each output', () => {
    expect(decisionOf('004').explanation.outputs).toMatchObject({
      queue: 'route-billing',
      promise: 'promise-webform',
      priority: 'default',
    });
    expect(decisionOf('004').explanation.contributors?.priority).toEqual(['premium']);
  });
});
