import { describe, expect, it } from 'vitest';
import { inboundRequestSchema } from '../../../worker/inbound/schemas';
import type { Channel } from '../../../rules/model/channel';

const parse = (channel: Channel, customer: Record<string, unknown>, extra = {}) =>
  inboundRequestSchema(channel).safeParse({
    messageId: 'm-1',
    text: 'Bonjour',
    customer,
    ...extra,
  });

const issues = (r: ReturnType<typeof parse>) =>
  r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('inbound customer', () => {
  it('needs no name on any channel: an email alone, an SMS number alone', () => {
    const email = parse('email', { email: 'jean@exemple.fr' });
    expect(email.success && email.data.customer.name).toBeUndefined();
    expect(parse('sms', { phone: '06 12 34 56 78' }).success).toBe(true);
    const blank = parse('chat', { email: 'jean@exemple.fr', name: '  ' });
    expect(blank.success && blank.data.customer.name).toBeUndefined();
  });

  it('writes every phone number in E.164, national numbers read as French by default', () => {
    for (const phone of [
      '06 12 34 56 78',
      '+33 6 12 34 56 78',
      '0033 6.12.34.56.78',
      '(06) 12-34-56-78',
    ]) {
      const r = parse('sms', { phone });
      expect(r.success && r.data.customer.phone, phone).toBe('+33612345678');
    }
  });

  it('reads a national number in the country the customer gives, or the one configured', () => {
    const be = parse('sms', { phone: '0470 12 34 56', country: 'be' });
    expect(be.success && be.data.customer.phone).toBe('+32470123456');
    const configured = inboundRequestSchema('sms', 'GB').safeParse({
      messageId: 'm-1',
      text: 'Hello',
      customer: { phone: '07700 900123' },
    });
    expect(configured.success && configured.data.customer.phone).toBe('+447700900123');
  });

  it('refuses a number that cannot be one, and an unknown country, on their field', () => {
    expect(issues(parse('sms', { phone: '+33 6 12 34 56 7' }))).toEqual([
      'customer.phone: not a phone number in FR: expected e.g. +33612345678',
    ]);
    expect(issues(parse('sms', { phone: '0612345678', country: 'XX' }))).toEqual([
      'customer.country: expected a country code such as FR or GB',
    ]);
  });

  it('refuses a time zone that does not exist, so no "Invalid DateTime" reaches a customer', () => {
    expect(parse('chat', { email: 'a@exemple.fr', timezone: 'America/New_York' }).success).toBe(
      true,
    );
    for (const timezone of ['Europe/Pariss', 'UTC+25', 'not a zone'])
      expect(issues(parse('chat', { email: 'a@exemple.fr', timezone })), timezone).toEqual([
        'customer.timezone: expected a time zone such as Europe/Paris',
      ]);
  });

  it('caps the part of an email before @ at 64 characters', () => {
    expect(parse('email', { email: `${'a'.repeat(64)}@exemple.fr` }).success).toBe(true);
    expect(issues(parse('email', { email: `${'a'.repeat(65)}@exemple.fr` }))).toEqual([
      'customer.email: the part before @ is at most 64 characters',
    ]);
  });

  it('still needs one way to recognise the customer', () => {
    expect(issues(parse('chat', { name: 'Jean' }))).toEqual([
      'customer: give an email, a phone number, a handle or a postal address',
    ]);
  });
});

describe('inbound request schema', () => {
  it('is built once per channel and default country, and each keeps its own rules', () => {
    expect(inboundRequestSchema('sms', 'FR')).toBe(inboundRequestSchema('sms', 'FR'));
    expect(inboundRequestSchema('sms', 'GB')).not.toBe(inboundRequestSchema('sms', 'FR'));
    expect(inboundRequestSchema('email', 'FR')).not.toBe(inboundRequestSchema('sms', 'FR'));
    const body = { messageId: 'm-1', text: 'Hello', customer: { phone: '07700 900123' } };
    inboundRequestSchema('sms', 'FR').safeParse(body);
    const gb = inboundRequestSchema('sms', 'GB').safeParse(body);
    expect(gb.success && gb.data.customer.phone).toBe('+447700900123');
    expect(inboundRequestSchema('email', 'GB').safeParse(body).success).toBe(false);
  });
});
