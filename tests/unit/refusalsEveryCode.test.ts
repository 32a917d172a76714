import { describe, expect, it } from 'vitest';
import { deskEn } from '../../designer/src/lib/i18n/desk.en';
import { deskFr } from '../../designer/src/lib/i18n/desk.fr';
import { wordRefusal } from '../../designer/src/lib/refusals';
import { wordNotice } from '../../designer/src/lib/components/desk/notices';
import {
  RefusalSchema,
  RefusedActionSchema,
  type Refusal,
  type RefusalCode,
} from '../../workflows/contracts/refusals';

const at = '2026-11-20T08:30:00.000Z';

/** One refusal of each code: the type makes a new code fail here until it has an example. */
const examples: { [C in RefusalCode]: Extract<Refusal, { code: C }> } = {
  'callback.inPast': { code: 'callback.inPast', at, now: at },
  'claim.pullNotAllowed': { code: 'claim.pullNotAllowed' },
  'claim.overCapacity': { code: 'claim.overCapacity' },
  'case.notOpen': { code: 'case.notOpen', action: 'reply', status: 'resolved' },
  'case.notYours': { code: 'case.notYours', action: 'reply' },
  'claim.alreadyYours': { code: 'claim.alreadyYours' },
  'case.heldByOther': { code: 'case.heldByOther', action: 'transfer', assignee: 'agent2' },
  'note.caseClosed': { code: 'note.caseClosed' },
  'actor.missing': { code: 'actor.missing', action: 'note' },
  'reopen.stillOpen': { code: 'reopen.stillOpen', status: 'assigned' },
  'callback.noPhone': { code: 'callback.noPhone' },
  'callback.unknown': { code: 'callback.unknown' },
  'callback.alreadyEnded': { code: 'callback.alreadyEnded', status: 'cancelled' },
  'b2b.resolveByFormalAnswer': { code: 'b2b.resolveByFormalAnswer' },
  'b2b.draftInReview': { code: 'b2b.draftInReview' },
  'b2b.noDraftInReview': { code: 'b2b.noDraftInReview' },
};

const codes = RefusalSchema.options.map((o) => o.shape.code.value);

describe('every refusal code the workflows send, in French and in English', () => {
  it('has an example of each code, each a valid refusal', () => {
    expect(Object.keys(examples).sort()).toEqual([...codes].sort());
    for (const example of Object.values(examples))
      expect(RefusalSchema.parse(example)).toEqual(example);
  });

  it.each(codes)('words %s in both languages, differently, without raw codes or ids', (code) => {
    const refusal = examples[code];
    const fr = wordRefusal(refusal, 'fr');
    const en = wordRefusal(refusal, 'en');
    for (const words of [fr, en]) {
      expect(words.trim().length).toBeGreaterThan(10);
      expect(words).not.toContain(code);
      expect(words).not.toMatch(/undefined|\[object|agent2/);
    }
    expect(fr).not.toBe(en);
  });

  it('words every action a refusal can name in both languages', () => {
    for (const action of RefusedActionSchema.options)
      for (const dict of [deskFr, deskEn])
        expect(dict.case.refusals.actions[action].trim()).not.toBe('');
    expect(deskFr.case.refusals.actions).not.toEqual(deskEn.case.refusals.actions);
  });

  it('names the colleague who holds the case, and the status in the agent language', () => {
    const held = examples['case.heldByOther'];
    expect(wordRefusal(held, 'fr', () => 'Bruno Lima')).toBe(
      'impossible de transférer : Bruno Lima traite ce dossier.',
    );
    expect(wordRefusal(held, 'en')).toBe(
      'you cannot transfer: another agent is working on this case.',
    );
    expect(wordRefusal(examples['case.notOpen'], 'fr')).toBe(
      'impossible de répondre : le dossier est au statut « Résolu ».',
    );
  });

  it('rejects a refusal the designer cannot word', () => {
    expect(RefusalSchema.safeParse({ code: 'case.notYours', action: 'dance' }).success).toBe(false);
    expect(RefusalSchema.safeParse({ code: 'case.unknown' }).success).toBe(false);
  });
});

describe('what the workflows write for people to read, in the reader language', () => {
  it('words an escalation notice with the short case reference, never the raw id', () => {
    const text =
      'Case 0f8c2b1e-7d4a-4c3b-9e21-5a6b7c8d9e0f breached its first-response promise (level 1)';
    expect(wordNotice(text, 'fr')).toBe(
      'Le dossier 0F8C2B1E a dépassé sa promesse de première réponse (niveau 1)',
    );
    expect(wordNotice(text, 'en')).toBe(
      'Case 0F8C2B1E breached its first-response promise (level 1)',
    );
    expect(wordNotice(text.replace('first-response', 'resolution'), 'fr')).toContain(
      'promesse de résolution',
    );
  });

  it('words the reason of a callback the customer asked for; an agent reason stays as typed', () => {
    expect(wordNotice('requested by the customer', 'fr')).toBe('demandé par le client');
    expect(wordNotice('requested by the customer', 'en')).toBe('requested by the customer');
    expect(wordNotice('Rappeler après 18 h', 'en')).toBe('Rappeler après 18 h');
  });
});
