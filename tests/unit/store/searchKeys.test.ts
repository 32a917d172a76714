import { describe, expect, it } from 'vitest';
import {
  caseKeys,
  caseRefOf,
  customerKeys,
  fold,
  queryKeys,
} from '../../../worker/store/searchKeys';

const customer = {
  name: 'Éloïse Dupont-Marchal',
  email: 'E.Dupont@Exemple.fr',
  phone: '+33612345678',
  handle: '@Eloise_D',
};

describe('search keys', () => {
  it('folds case and accents', () => {
    expect(fold('Éloïse ÇA')).toBe('eloise ca');
  });

  it('gives a customer name prefixes from two letters, and the email, phone and handle whole', () => {
    const keys = customerKeys(customer);
    expect(keys).toEqual(
      expect.arrayContaining(['n:el', 'n:eloise', 'n:du', 'n:dupont', 'n:marchal']),
    );
    expect(keys).toEqual(
      expect.arrayContaining(['e:e.dupont@exemple.fr', 'p:+33612345678', 'h:eloise_d']),
    );
    expect(keys).not.toContain('n:d');
  });

  it('finds a phone number however it is written', () => {
    const stored = customerKeys(customer);
    for (const written of ['06 12 34 56 78', '0612345678', '+33 6 12 34 56 78', '06.12.34.56.78'])
      expect(stored).toContain(queryKeys(written).customers[0]);
    expect(queryKeys('06 12 34 56 78').cases).toEqual([]);
  });

  it('looks an email and a handle up whole', () => {
    expect(queryKeys(' E.Dupont@exemple.FR ')).toEqual({
      customers: ['e:e.dupont@exemple.fr'],
      cases: [],
    });
    expect(queryKeys('@eloise_d').customers).toEqual(['h:eloise_d']);
  });

  it('asks for every word of a name, the longest first, accents or not', () => {
    expect(queryKeys('élo Dupont').customers).toEqual(['n:dupont', 'n:elo']);
    expect(customerKeys(customer)).toEqual(
      expect.arrayContaining(queryKeys('elo dupont').customers),
    );
  });

  it('gives a case its reference from four characters and the folded words of its first message', () => {
    const caseId = '4f2a9c1e-1111-2222-3333-444455556666';
    expect(caseRefOf(caseId)).toBe('4F2A9C1E');
    const keys = caseKeys({
      caseId,
      subject: 'Facture impayée',
      text: "Ma commande n'est pas arrivée",
    });
    expect(keys).toEqual(
      expect.arrayContaining(['r:4f2a', 'r:4f2a9c1e', 'w:facture', 'w:impayee', 'w:arrivee']),
    );
    expect(keys).not.toContain('r:4f2');
    expect(queryKeys('#4F2A9C1E').cases).toEqual(['r:4f2a9c1e']);
    expect(queryKeys('4f2a').cases).toEqual(['r:4f2a']);
    expect(queryKeys('Facture impayées').cases).toEqual(['w:impayees', 'w:facture']);
  });

  it('asks nothing of an empty query', () => {
    expect(queryKeys('   ')).toEqual({ customers: [], cases: [] });
  });
});
