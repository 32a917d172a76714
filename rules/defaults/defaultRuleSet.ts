import type { Channel } from '../model/channel';
import type { Action } from '../model/actions';
import type { Condition, GroupCondition } from '../model/conditions';
import type { CasePromise } from '../model/decision';
import type { Rule, RuleSet } from '../model/ruleSet';

/** From this anger score on, a message counts as a dispute (see rules/facts/sentiment.ts). */
export const ANGER_THRESHOLD = 0.5;

const rule = (
  id: string,
  name: [fr: string, en: string],
  description: [fr: string, en: string],
  conditions: GroupCondition,
  actions: Action[],
): Rule => ({
  id,
  name: { fr: name[0], en: name[1] },
  description: { fr: description[0], en: description[1] },
  enabled: true,
  isDefault: false,
  conditions,
  actions,
});

const inSubjectOrText = (words: string[]): Condition[] => [
  { fact: 'subject', operator: 'containsAnyWord', value: words },
  { fact: 'text', operator: 'containsAnyWord', value: words },
];
const channelIn = (list: Channel[]): Condition => ({
  fact: 'channel',
  operator: 'in',
  value: list,
});
const promise = (
  firstResponseMinutes: number,
  businessHours = false,
): Action & { type: 'setPromise' } => ({
  type: 'setPromise',
  acknowledgeMinutes: 0,
  firstResponseMinutes,
  resolutionMinutes: null,
  businessHours,
  calendarId: 'default',
});
const route = (queue: string): Action => ({ type: 'route', queue, skills: [queue] });

const disputeWords = [
  'litige*',
  'mise en demeure',
  'mets en demeure',
  'avocat*',
  'mediateur',
  'tribunal',
  'inadmissible',
  'resilier',
  'lawyer*',
  'formal complaint',
  'ombudsman',
  'legal action',
  'unacceptable',
  'chargeback',
];

/** The business minutes of five days of the default calendar (Mon–Fri 09:00–18:00). */
const fiveBusinessDays = 5 * 9 * 60;

const defaultPromise: CasePromise = {
  acknowledgeMinutes: 0,
  firstResponseMinutes: 24 * 60,
  resolutionMinutes: null,
  businessHours: false,
  calendarId: 'default',
};

/**
 * The rules seeded on first start, from what customers expect in the field: chat answered within
 * a minute, phone within two, social networks within the hour, email within a day, a web form
 * within an explicit 48 h, a letter within five business days. Disputes and better customers
 * move up; billing, delivery and quotes go to their teams, B2B to its desk; simple questions get
 * a self-care answer first. Order matters: for each output the first rule that sets it wins.
 */
export const defaultRuleSet: RuleSet = {
  id: 'default',
  name: { fr: 'Règles par défaut', en: 'Default rules' },
  version: 0,
  rules: [
    rule(
      'sms-stop',
      ['SMS STOP', 'SMS STOP'],
      [
        'Un SMS « STOP » est une désinscription : priorité minimale, marqué opt-out.',
        'An SMS saying "STOP" is an opt-out: lowest priority, tagged opt-out.',
      ],
      {
        all: [
          { fact: 'channel', operator: 'equal', value: 'sms' },
          { fact: 'text', operator: 'matchesPattern', value: '^\\s*stop\\s*$' },
        ],
      },
      [
        { type: 'setPriority', priority: 5 },
        { type: 'tag', tags: ['opt-out'] },
      ],
    ),
    rule(
      'dispute',
      ['Litige ou colère', 'Dispute or anger'],
      [
        'Mots de litige (litige, mise en demeure, avocat…) ou colère forte : priorité relevée.',
        'Dispute words (dispute, formal notice, lawyer…) or strong anger: priority raised.',
      ],
      {
        any: [
          { fact: 'angerScore', operator: 'greaterThanInclusive', value: ANGER_THRESHOLD },
          ...inSubjectOrText(disputeWords),
        ],
      },
      [
        { type: 'raisePriority', steps: 1 },
        { type: 'tag', tags: ['dispute'] },
      ],
    ),
    rule(
      'vip',
      ['Client VIP', 'VIP customer'],
      ['Les clients VIP passent deux crans devant.', 'VIP customers move two steps up.'],
      { all: [{ fact: 'customerTier', operator: 'equal', value: 'vip' }] },
      [
        { type: 'raisePriority', steps: 2 },
        { type: 'tag', tags: ['vip'] },
      ],
    ),
    rule(
      'premium',
      ['Client premium', 'Premium customer'],
      ['Les clients premium passent un cran devant.', 'Premium customers move one step up.'],
      { all: [{ fact: 'customerTier', operator: 'equal', value: 'premium' }] },
      [
        { type: 'raisePriority', steps: 1 },
        { type: 'tag', tags: ['premium'] },
      ],
    ),
    rule(
      'repeat-contact',
      ['Relance', 'Repeat contact'],
      [
        'Trois contacts ou plus en 7 jours, ou deux changements de canal : le client se répète, priorité relevée.',
        'Three or more contacts in 7 days, or two channel switches: the customer is repeating themselves, priority raised.',
      ],
      {
        any: [
          { fact: 'contactsLast7Days', operator: 'greaterThanInclusive', value: 3 },
          { fact: 'channelSwitches', operator: 'greaterThanInclusive', value: 2 },
        ],
      },
      [
        { type: 'raisePriority', steps: 1 },
        { type: 'tag', tags: ['repeat-contact'] },
      ],
    ),
    rule(
      'callback-requested',
      ['Rappel demandé', 'Callback requested'],
      ['Le client demande à être rappelé.', 'The customer asks to be called back.'],
      { all: [{ fact: 'callbackRequested', operator: 'equal', value: true }] },
      [{ type: 'tag', tags: ['callback-requested'] }],
    ),
    rule(
      'self-care',
      ['Question simple', 'Simple question'],
      [
        "Suivi de commande ou horaires d'ouverture sur un canal écrit, sans colère : réponse self-care d'abord.",
        'Order tracking or opening hours on a written channel, without anger: self-care answer first.',
      ],
      {
        all: [
          {
            any: [
              {
                fact: 'category',
                operator: 'in',
                value: ['order-tracking', 'suivi-commande', 'opening-hours', 'horaires'],
              },
              ...inSubjectOrText([
                'ou en est ma commande',
                'suivi de commande',
                'suivre ma commande',
                "horaires d'ouverture",
                "heures d'ouverture",
                'where is my order',
                'track my order',
                'order status',
                'opening hours',
              ]),
            ],
          },
          channelIn([
            'chat',
            'chatbot',
            'email',
            'webform',
            'sms',
            'whatsapp',
            'messenger',
            'social',
          ]),
          { fact: 'angerScore', operator: 'lessThan', value: ANGER_THRESHOLD },
        ],
      },
      [
        { type: 'deflect', to: 'selfcare' },
        { type: 'tag', tags: ['self-care'] },
      ],
    ),
    rule(
      'route-b2b',
      ['Clients entreprises', 'Business customers'],
      ['Les clients B2B vont au desk B2B.', 'B2B customers go to the B2B desk.'],
      { all: [{ fact: 'customerSegment', operator: 'equal', value: 'B2B' }] },
      [route('b2b-desk')],
    ),
    rule(
      'route-billing',
      ['Facturation', 'Billing'],
      ['Factures et paiements vont à la facturation.', 'Invoices and payments go to billing.'],
      {
        any: [
          {
            fact: 'category',
            operator: 'in',
            value: ['billing', 'facturation', 'facture', 'invoice', 'payment', 'paiement'],
          },
          ...inSubjectOrText([
            'factur*',
            'prelevement*',
            'billing',
            'invoice*',
            'charged',
            'double charge',
          ]),
        ],
      },
      [route('billing')],
    ),
    rule(
      'route-quote',
      ['Devis', 'Quotes'],
      ['Les demandes de devis vont aux ventes.', 'Quote requests go to sales.'],
      {
        any: [
          { fact: 'category', operator: 'in', value: ['quote', 'devis', 'commercial', 'sales'] },
          ...inSubjectOrText(['devis', 'quote', 'quotation']),
        ],
      },
      [route('sales')],
    ),
    rule(
      'route-delivery',
      ['Livraison', 'Delivery'],
      ['Livraisons et colis vont à la logistique.', 'Deliveries and parcels go to logistics.'],
      {
        any: [
          { fact: 'category', operator: 'in', value: ['delivery', 'livraison', 'shipping'] },
          ...inSubjectOrText(['livraison*', 'livre', 'colis', 'delivery', 'parcel*', 'shipping']),
        ],
      },
      [route('logistics')],
    ),
    rule(
      'promise-chat',
      ['Chat : 1 min', 'Chat: 1 min'],
      [
        'Chat : réponse sous une minute (47 % abandonnent au-delà).',
        'Chat: answer within a minute (47% abandon past that).',
      ],
      { all: [channelIn(['chat', 'chatbot'])] },
      [promise(1)],
    ),
    rule(
      'promise-voice',
      ['Téléphone : 2 min', 'Phone: 2 min'],
      [
        "Téléphone, clic pour appeler, visio : décroché sous deux minutes (deux tiers n'attendent pas plus).",
        "Phone, click-to-call, video: picked up within two minutes (two thirds won't wait longer).",
      ],
      { all: [channelIn(['phone', 'click-to-call', 'video'])] },
      [promise(2)],
    ),
    rule(
      'promise-social',
      ['Réseaux sociaux : 1 h', 'Social networks: 1 h'],
      [
        'Réseaux sociaux : réponse sous une heure, en passant en message privé.',
        'Social networks: answer within the hour, moving to a private message.',
      ],
      { all: [{ fact: 'channel', operator: 'equal', value: 'social' }] },
      [promise(60), { type: 'tag', tags: ['moved-to-private'] }],
    ),
    rule(
      'promise-messaging',
      ['Messageries : 1 h', 'Messaging apps: 1 h'],
      [
        'SMS, WhatsApp, Messenger : conversationnels comme les réseaux sociaux, réponse sous une heure.',
        'SMS, WhatsApp, Messenger: conversational like social networks, answer within the hour.',
      ],
      { all: [channelIn(['sms', 'whatsapp', 'messenger'])] },
      [promise(60)],
    ),
    rule(
      'promise-callback',
      ['Demande de rappel : 1 h ouvrée', 'Callback request: 1 business hour'],
      [
        'Une demande de rappel est rappelée dans l’heure ouvrée.',
        'A callback request is called back within one business hour.',
      ],
      { all: [{ fact: 'channel', operator: 'equal', value: 'callback' }] },
      [promise(60, true)],
    ),
    rule(
      'promise-email',
      ['E-mail : 24 h', 'Email: 24 h'],
      ['E-mail : réponse sous 24 heures.', 'Email: answer within 24 hours.'],
      { all: [{ fact: 'channel', operator: 'equal', value: 'email' }] },
      [promise(24 * 60)],
    ),
    rule(
      'promise-webform',
      ['Formulaire web : 48 h', 'Web form: 48 h'],
      [
        'Formulaire web : promesse explicite « nous revenons vers vous sous 48 h », tenue.',
        'Web form: an explicit "we will get back to you within 48 h", kept.',
      ],
      { all: [{ fact: 'channel', operator: 'equal', value: 'webform' }] },
      [promise(48 * 60)],
    ),
    rule(
      'promise-mail',
      ['Courrier : 5 jours ouvrés', 'Postal mail: 5 business days'],
      [
        'Courrier : réponse sous cinq jours ouvrés.',
        'Postal mail: answer within five business days.',
      ],
      { all: [{ fact: 'channel', operator: 'equal', value: 'mail' }] },
      [promise(fiveBusinessDays, true)],
    ),
    {
      id: 'default',
      name: { fr: 'Par défaut', en: 'Default' },
      description: {
        fr: 'Tout ce qu’aucune règle précédente n’a fixé : priorité 3, file générale, réponse sous 24 h, enquête CSAT.',
        en: 'Everything no earlier rule set: priority 3, general queue, answer within 24 h, CSAT survey.',
      },
      enabled: true,
      isDefault: true,
      conditions: { all: [] },
      actions: [
        { type: 'setPriority', priority: 3 },
        { type: 'route', queue: 'general', skills: [] },
        { type: 'setPromise', ...defaultPromise },
        {
          type: 'setEscalation',
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
        { type: 'setAckTemplate', template: 'ack-default' },
        {
          type: 'setSurvey',
          kind: 'csat',
          channel: 'same',
          windowHours: 72,
          reminderAfterHours: 24,
        },
        { type: 'setReopenWindow', days: 7 },
        { type: 'deflect', to: 'none' },
      ],
    },
  ],
};
