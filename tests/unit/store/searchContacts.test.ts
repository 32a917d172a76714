import { describe, expect, it } from 'vitest';
import { contactHourOf, covering } from '../../../worker/store/searchContacts';

const counted = [
  { _id: '2025-01-01T10', n: 3 },
  { _id: '2025-01-02T08', n: 2 },
  { _id: '2025-01-01T23', n: 0 },
  { _id: '2025-01-03T00', n: 4 },
];

describe('customer list hour buckets', () => {
  it('keys a contact by its UTC hour', () => {
    expect(contactHourOf(new Date('2025-01-03T14:59:59.999+01:00'))).toBe('2025-01-03T13');
  });

  it('reads the newest hours first, only those a page covers, and skips into the first', () => {
    expect(covering(counted, 0, 4)).toEqual({ hours: ['2025-01-03T00'], skip: 0 });
    expect(covering(counted, 0, 5)).toEqual({
      hours: ['2025-01-03T00', '2025-01-02T08'],
      skip: 0,
    });
    expect(covering(counted, 5, 3)).toEqual({
      hours: ['2025-01-02T08', '2025-01-01T10'],
      skip: 1,
    });
  });

  it('reads nothing past the last customer, and no empty hour', () => {
    expect(covering(counted, 9, 5)).toEqual({ hours: [], skip: 0 });
    expect(covering(counted, 6, 10).hours).not.toContain('2025-01-01T23');
  });
});
