import { describe, expect, it } from 'vitest';
import {
  formFieldOf,
  readQueueForm,
  readRoutingForm,
  readTeamForm,
  readUserForm,
} from '../../../designer/src/lib/server/catalogueForms';
import { zodProblems } from '../../../worker/rules/zodProblems';
import { QueueDocSchema } from '../../../worker/store/catalogue/queues';
import { UserUpdateSchema } from '../../../worker/store/users';

const formOf = (entries: [string, string][]) => {
  const form = new FormData();
  for (const [key, value] of entries) form.append(key, value);
  return form;
};

const queueEntries: [string, string][] = [
  ['id', 'billing'],
  ['labelFr', ' Facturation '],
  ['labelEn', 'Billing'],
  ['description', ''],
  ['calendarId', ''],
  ['policy', 'most-free-capacity'],
  ['offerTimeoutSeconds', '30'],
  ['agingMinutes', '0'],
  ['autoAccept', 'on'],
  ['awayAfterMissedOffers', '3'],
  ['lowerLevelsAfterSeconds', ''],
  ['levelDrop', '2'],
  ['dropOptionalAfterSeconds', '600'],
  ['wrapUpSeconds', '45'],
];

describe('the catalogue pages read their forms', () => {
  it('reads a queue form into the document the store keeps', () => {
    expect(QueueDocSchema.parse(readQueueForm(formOf(queueEntries)))).toEqual({
      _id: 'billing',
      labels: { fr: 'Facturation', en: 'Billing' },
      description: '',
      calendarId: null,
      policy: 'most-free-capacity',
      offerTimeoutSeconds: 30,
      agingMinutes: 0,
      autoAccept: true,
      // An unticked box is absent from the form: false, not the default.
      allowPull: false,
      awayAfterMissedOffers: 3,
      relaxation: { lowerLevelsAfterSeconds: null, levelDrop: 2, dropOptionalAfterSeconds: 600 },
      wrapUpSeconds: 45,
    });
  });

  it('refuses an emptied number on its own field, not as a zero', () => {
    const entries = queueEntries.map(([k, v]): [string, string] => [
      k,
      k === 'offerTimeoutSeconds' || k === 'levelDrop' ? '' : v,
    ]);
    const parsed = QueueDocSchema.safeParse(readQueueForm(formOf(entries)));
    expect(parsed.success).toBe(false);
    const fields = zodProblems(parsed.error!).map((p) => formFieldOf(p.path));
    expect(fields.sort()).toEqual(['levelDrop', 'offerTimeoutSeconds']);
  });

  it('reads an agent profile: a level per skill held, queues, languages, capacity', () => {
    const form = formOf([
      ['name', 'Léa Martin'],
      ['role', 'agent'],
      ['lang', 'fr'],
      ['skill:billing', '4'],
      ['skill:refunds', ''],
      ['skill:technical', '1'],
      ['queues', 'billing'],
      ['queues', 'general'],
      ['langs', 'fr'],
      ['langs', 'en'],
      ['capacity.voice', '0'],
      ['capacity.chat', '3'],
      ['capacity.email', '12'],
    ]);
    expect(UserUpdateSchema.parse(readUserForm(form))).toEqual({
      name: 'Léa Martin',
      role: 'agent',
      lang: 'fr',
      routing: {
        skills: [
          { skill: 'billing', level: 4 },
          { skill: 'technical', level: 1 },
        ],
        queues: ['billing', 'general'],
        langs: ['fr', 'en'],
        capacity: { voice: 0, chat: 3, email: 12 },
      },
    });
  });

  it('points a capacity out of range at its own field', () => {
    const routing = readRoutingForm(
      formOf([
        ['langs', 'fr'],
        ['capacity.voice', '2'],
        ['capacity.chat', '3'],
        ['capacity.email', '10'],
      ]),
    );
    const parsed = UserUpdateSchema.safeParse({ name: 'A', role: 'agent', lang: 'fr', routing });
    expect(zodProblems(parsed.error!).map((p) => formFieldOf(p.path))).toEqual(['capacity.voice']);
  });

  it('reads team members as the ticked user ids', () => {
    const form = formOf([
      ['id', 'north'],
      ['labelFr', 'Nord'],
      ['labelEn', 'North'],
      ['members', 'agent'],
      ['members', 'lea'],
    ]);
    expect(readTeamForm(form)).toEqual({
      _id: 'north',
      labels: { fr: 'Nord', en: 'North' },
      members: ['agent', 'lea'],
    });
  });

  it('maps the stores’ problem paths to the form fields', () => {
    expect(formFieldOf('_id')).toBe('id');
    expect(formFieldOf('labels.en')).toBe('labelEn');
    expect(formFieldOf('relaxation.dropOptionalAfterSeconds')).toBe('dropOptionalAfterSeconds');
    expect(formFieldOf('routing.skills[1].level')).toBe('skills');
    expect(formFieldOf('routing.langs')).toBe('langs');
    expect(formFieldOf('members[0]')).toBe('members');
    expect(formFieldOf('password')).toBe('password');
  });
});
