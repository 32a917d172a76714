import { describe, expect, it } from 'vitest';
import { parseCallbackRequest } from '../../../worker/inbound/callbackRequest';

// Sunday 22 Nov 2026, 15:00 in Paris.
const receivedAt = new Date('2026-11-22T14:00:00Z');

describe('parseCallbackRequest', () => {
  it('reads no request, and "as soon as possible"', () => {
    expect(parseCallbackRequest(undefined, receivedAt, 'Europe/Paris')).toEqual({
      requested: false,
      at: null,
    });
    expect(parseCallbackRequest(true, receivedAt, 'Europe/Paris')).toEqual({
      requested: true,
      at: null,
    });
    expect(parseCallbackRequest('asap', receivedAt, 'Europe/Paris').at).toBeNull();
  });

  it('reads "after 18:00" as the next 18:00 in the customer timezone', () => {
    expect(parseCallbackRequest('after 18:00', receivedAt, 'Europe/Paris').at).toBe(
      '2026-11-22T17:00:00.000Z',
    );
    expect(parseCallbackRequest('après 9h30', receivedAt, 'Europe/Paris').at).toBe(
      '2026-11-23T08:30:00.000Z',
    );
  });

  it('takes an ISO date-time as it is', () => {
    expect(parseCallbackRequest('2026-11-24T10:00:00+01:00', receivedAt, 'Europe/Paris').at).toBe(
      '2026-11-24T09:00:00.000Z',
    );
  });
});
