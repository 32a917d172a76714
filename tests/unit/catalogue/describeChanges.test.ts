import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../../worker/store/catalogue/describeChanges';

describe('catalogue audit diff', () => {
  it('lists every field of a new document, in both languages, without the id', () => {
    expect(
      describeChanges(null, { _id: 'billing', labels: { fr: 'Facturation', en: 'Billing' } }),
    ).toEqual({
      fr: ['Libellé FR : Facturation', 'Libellé EN : Billing'],
      en: ['French label: Facturation', 'English label: Billing'],
    });
  });

  it('lists only what changed, old value to new, down to nested fields', () => {
    const before = {
      name: 'Ana',
      routing: {
        skills: [{ skill: 'billing', level: 3 }],
        capacity: { voice: 1, chat: 3, email: 10 },
      },
      autoAccept: false,
    };
    const after = {
      name: 'Ana',
      routing: {
        skills: [
          { skill: 'billing', level: 4 },
          { skill: 'vip', level: 1 },
        ],
        capacity: { voice: 1, chat: 5, email: 10 },
      },
      autoAccept: true,
    };
    expect(describeChanges(before, after)).toEqual({
      fr: [
        'Compétences : billing 3 ⇒ billing 4, vip 1',
        'Capacité chat : 3 ⇒ 5',
        'Acceptation automatique : non ⇒ oui',
      ],
      en: ['Skills: billing 3 ⇒ billing 4, vip 1', 'Chat capacity: 3 ⇒ 5', 'Auto-accept: no ⇒ yes'],
    });
  });

  it('names queues, skills, people and calendars in each language, an id once it is gone', () => {
    const names = {
      queues: new Map([['billing', { fr: 'Facturation', en: 'Billing' }]]),
      skills: new Map([['vip', { fr: 'Clients VIP', en: 'VIP customers' }]]),
      people: new Map([['lucas', 'Lucas Martin']]),
      calendars: new Map([['paris', 'Paris office']]),
    };
    const diff = describeChanges(
      { routing: { queues: ['billing'], skills: [] }, members: [], calendarId: null },
      {
        routing: { queues: ['billing', 'gone'], skills: [{ skill: 'vip', level: 2 }] },
        members: ['lucas'],
        calendarId: 'paris',
      },
      names,
    );
    expect(diff.fr).toEqual([
      'Files servies : Facturation ⇒ Facturation, gone',
      'Compétences : — ⇒ Clients VIP 2',
      'Membres : — ⇒ Lucas Martin',
      'Calendrier : — ⇒ Paris office',
    ]);
    expect(diff.en).toContain('Skills: — ⇒ VIP customers 2');
  });

  it('is empty when nothing changed, and shows a cleared value as a dash', () => {
    expect(describeChanges({ calendarId: 'paris' }, { calendarId: 'paris' })).toEqual({
      fr: [],
      en: [],
    });
    expect(describeChanges({ calendarId: 'paris' }, { calendarId: null }).en).toEqual([
      'Calendar: paris ⇒ —',
    ]);
  });
});
