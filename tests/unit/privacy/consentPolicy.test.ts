import { describe, expect, it } from 'vitest';
import {
  consentFromInbound,
  smsKeyword,
  surveyConsentFrom,
} from '../../../worker/privacy/consentPolicy';
import { signUnsubscribe, verifyUnsubscribe } from '../../../worker/privacy/consentToken';
import type { ConsentRecord, ConsentState } from '../../../worker/store/consents';
import { surveyChannel } from '../../../workflows/blocks/surveyPolicy';
import type { CustomerProfile } from '../../../workflows/contracts/messages';

const at = new Date('2026-03-02T10:00:00Z');
const record = (r: Partial<ConsentRecord>): ConsentRecord => ({
  customerId: 'c1',
  channel: 'sms',
  purpose: 'messages',
  granted: true,
  source: 'form',
  at,
  wording: 'ok',
  ref: null,
  ...r,
});
const stateOf = (...records: ConsentRecord[]): ConsentState =>
  new Map(records.map((r) => [`${r.channel}:${r.purpose}` as const, r]));

describe('survey consent from the ledger', () => {
  it('falls back on the stated SMS opt-in while the ledger holds nothing', () => {
    expect(surveyConsentFrom(stateOf(), true)).toEqual({ sms: true, email: true });
    expect(surveyConsentFrom(stateOf(), false)).toEqual({ sms: false, email: true });
  });

  it('a withdrawal outweighs the stated opt-in; a survey refusal keeps other SMS', () => {
    expect(surveyConsentFrom(stateOf(record({ granted: false })), true).sms).toBe(false);
    const noSurvey = stateOf(record({}), record({ purpose: 'survey', granted: false }));
    expect(surveyConsentFrom(noSurvey, false).sms).toBe(false);
    expect(surveyConsentFrom(stateOf(record({})), false).sms).toBe(true);
  });

  it('an unsubscribed email address gets no survey', () => {
    const state = stateOf(record({ channel: 'email', purpose: 'survey', granted: false }));
    expect(surveyConsentFrom(state, true)).toEqual({ sms: true, email: false });
  });
});

describe('STOP, START and stated opt-ins', () => {
  it('knows STOP and START in their usual spellings, and only alone', () => {
    for (const t of ['STOP', 'stop', ' Stop. ', 'ARRÊT', 'arret sms', 'Stop SMS!'])
      expect(smsKeyword(t), t).toBe('stop');
    for (const t of ['START', 'start sms', ' Start! ', 'unstop'])
      expect(smsKeyword(t), t).toBe('start');
    for (const t of ['stop calling me at night', 'Bus stop', 'STOPPER', 'start over', ''])
      expect(smsKeyword(t), t).toBeNull();
  });

  const sms = { channel: 'sms' as const, messageId: 'm1', text: 'STOP' };

  it('STOP by SMS withdraws every SMS purpose, with the message as proof', () => {
    const records = consentFromInbound('c1', sms, {}, stateOf(record({})), at);
    expect(
      records.map((r) => [r.channel, r.purpose, r.granted, r.source, r.wording, r.ref]),
    ).toEqual([
      ['sms', 'messages', false, 'message', 'STOP', 'm1'],
      ['sms', 'survey', false, 'message', 'STOP', 'm1'],
    ]);
    const byEmail = { ...sms, channel: 'email' as const };
    expect(consentFromInbound('c1', byEmail, {}, stateOf(), at)).toEqual([]);
  });

  it('START by SMS grants every SMS purpose again, with the message as proof', () => {
    const start = { ...sms, messageId: 'm2', text: 'Start' };
    const withdrawn = stateOf(record({ granted: false }));
    expect(
      consentFromInbound('c1', start, {}, withdrawn, at).map((r) => [r.purpose, r.granted, r.ref]),
    ).toEqual([
      ['messages', true, 'm2'],
      ['survey', true, 'm2'],
    ]);
  });

  it('a form’s opt-in is recorded with its wording once, and again after a withdrawal', () => {
    const form = { channel: 'webform' as const, messageId: 'f1', text: 'Bonjour' };
    const stated = { smsOptIn: true, wording: 'J’accepte les SMS' };
    const [granted] = consentFromInbound('c1', form, stated, stateOf(), at);
    expect(granted).toMatchObject({ granted: true, source: 'form', wording: 'J’accepte les SMS' });
    expect(consentFromInbound('c1', form, stated, stateOf(record({})), at)).toEqual([]);
    const withdrawn = stateOf(record({ granted: false }));
    expect(consentFromInbound('c1', form, stated, withdrawn, at)).toHaveLength(1);
    expect(consentFromInbound('c1', form, { smsOptIn: false }, stateOf(), at)).toEqual([]);
  });
});

describe('unsubscribe tokens', () => {
  const secret = Buffer.alloc(32, 7);
  const claim = { customerId: 'c1', channel: 'email' as const, purpose: 'survey' as const };

  it('reads back what it signed, and nothing altered', () => {
    const token = signUnsubscribe(secret, claim);
    expect(verifyUnsubscribe(secret, token)).toEqual(claim);
    const [body, sig] = token.split('.') as [string, string];
    const other = Buffer.from(JSON.stringify({ ...claim, customerId: 'c2' })).toString('base64url');
    expect(verifyUnsubscribe(secret, `${other}.${sig}`)).toBeNull();
    expect(verifyUnsubscribe(secret, `${body}.${sig.slice(0, -2)}AA`)).toBeNull();
    expect(verifyUnsubscribe(Buffer.alloc(32, 8), token)).toBeNull();
    expect(verifyUnsubscribe(secret, 'garbage')).toBeNull();
  });
});

describe('survey channel with consent', () => {
  const customer: CustomerProfile = {
    customerId: 'c1',
    name: 'Zoé',
    email: 'zoe@exemple.fr',
    phone: '+33612345678',
    handle: null,
    tier: 'standard',
    segment: 'B2C',
    lang: 'fr',
    timezone: 'Europe/Paris',
    smsOptIn: true,
  };
  const policy = {
    kind: 'csat' as const,
    channel: 'sms' as const,
    reminderAfterHours: 24,
    windowHours: 72,
  };

  it('the ledger decides over the profile’s opt-in when it is given', () => {
    expect(surveyChannel(policy, customer, 'sms')).toBe('sms');
    expect(surveyChannel(policy, customer, 'sms', { sms: false, email: true })).toBe('email');
    expect(surveyChannel(policy, customer, 'sms', { sms: false, email: false })).toBeNull();
    const byEmail = { ...policy, channel: 'email' as const };
    expect(surveyChannel(byEmail, customer, 'sms', { sms: true, email: false })).toBe('sms');
  });
});
