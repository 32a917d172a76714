import { describe, expect, it } from 'vitest';
import { customerLabel, formatPhone } from '../../../workflows/lib/customerLabel';

const nobody = { name: null, email: null, phone: null, handle: null };

describe('customerLabel', () => {
  it('is the name once known', () => {
    expect(customerLabel({ ...nobody, name: 'Jean Dupont', email: 'j@exemple.fr' })).toBe(
      'Jean Dupont',
    );
  });

  it('is the email, else the number as people write it, else the handle or address', () => {
    expect(
      customerLabel({ ...nobody, name: '', email: 'j@exemple.fr', phone: '+33612345678' }),
    ).toBe('j@exemple.fr');
    expect(customerLabel({ ...nobody, phone: '+33612345678' })).toBe('06 12 34 56 78');
    expect(customerLabel({ ...nobody, handle: '@lea' })).toBe('@lea');
    expect(customerLabel({ ...nobody, address: '3 rue des Lilas, Lyon' })).toBe(
      '3 rue des Lilas, Lyon',
    );
  });

  it('writes foreign numbers with their country code', () => {
    expect(formatPhone('+447700900123')).toBe('+44 7700 900123');
  });
});
