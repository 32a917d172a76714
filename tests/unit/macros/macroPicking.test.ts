import { describe, expect, it } from 'vitest';
import { insertText, slashStartsWord } from '../../../designer/src/lib/macros/insertText';
import {
  customerLanguageFirst,
  searchMacros,
  type MacroChoice,
} from '../../../designer/src/lib/macros/macroChoice';

const choice = (name: string, lang: 'fr' | 'en', text: string): MacroChoice => ({
  id: name,
  name,
  lang,
  text,
  askCustomer: false,
  transferTo: null,
  tag: null,
});

describe('picking a canned reply', () => {
  it('opens on a slash that starts a word, not one inside a word or a date', () => {
    expect(slashStartsWord('/', 0)).toBe(true);
    expect(slashStartsWord('Bonjour /', 8)).toBe(true);
    expect(slashStartsWord('Bonjour\n/', 8)).toBe(true);
    expect(slashStartsWord('le 12/', 5)).toBe(false);
    expect(slashStartsWord('and/or', 3)).toBe(false);
  });

  it('replaces the typed slash with the text and puts the caret after it', () => {
    expect(insertText('Bonjour /', 8, 9, 'merci')).toEqual({ text: 'Bonjour merci', caret: 13 });
    expect(insertText('ab', 1, 1, 'X')).toEqual({ text: 'aXb', caret: 2 });
  });

  it('finds macros by every word of the search, accents ignored', () => {
    const macros = [
      choice('Delivery delay', 'en', 'Your parcel is late'),
      choice('Retard de livraison', 'fr', 'Votre colis a du retard'),
      choice('Remboursement', 'fr', 'Vous serez remboursé'),
    ];
    expect(searchMacros(macros, 'rembourse').map((m) => m.name)).toEqual(['Remboursement']);
    expect(searchMacros(macros, 'retard colis').map((m) => m.name)).toEqual([
      'Retard de livraison',
    ]);
    expect(searchMacros(macros, '')).toEqual(macros);
    expect(customerLanguageFirst(macros, 'fr').map((m) => m.name)).toEqual([
      'Retard de livraison',
      'Remboursement',
      'Delivery delay',
    ]);
  });
});
