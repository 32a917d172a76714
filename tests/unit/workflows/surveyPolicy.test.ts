import { describe, expect, it } from 'vitest';
import type { SurveyPolicy } from '../../../rules/model/decision';
import { isDetractor, isValidScore, surveyChannel } from '../../../workflows/blocks/surveyPolicy';
import { customerProfile } from '../../support/messages';

const policy = (over: Partial<SurveyPolicy> = {}): SurveyPolicy => ({
  kind: 'csat',
  channel: 'same',
  windowHours: 72,
  reminderAfterHours: 24,
  ...over,
});

describe('surveyChannel', () => {
  const withEmail = customerProfile({ email: 'a@b.fr', phone: '+33600000000', smsOptIn: false });
  const smsOnly = customerProfile({ email: null, phone: '+33600000000', smsOptIn: true });
  const noConsent = customerProfile({ email: null, phone: '+33600000000', smsOptIn: false });

  it('asks on the resolution channel when it can carry an answer', () => {
    expect(surveyChannel(policy(), withEmail, 'email')).toBe('email');
    expect(surveyChannel(policy(), smsOnly, 'sms')).toBe('sms');
    expect(surveyChannel(policy(), withEmail, 'whatsapp')).toBe('whatsapp');
  });

  it('never texts a customer who has not opted in to SMS', () => {
    expect(surveyChannel(policy({ channel: 'sms' }), withEmail, 'email')).toBe('email');
    expect(surveyChannel(policy({ channel: 'sms' }), noConsent, 'sms')).toBeNull();
    expect(surveyChannel(policy(), noConsent, 'sms')).toBeNull();
  });

  it('moves live and one-way channels to email, or to SMS with consent', () => {
    expect(surveyChannel(policy(), withEmail, 'phone')).toBe('email');
    expect(surveyChannel(policy(), withEmail, 'webform')).toBe('email');
    expect(surveyChannel(policy(), smsOnly, 'chat')).toBe('sms');
    expect(surveyChannel(policy(), noConsent, 'phone')).toBeNull();
  });

  it('sends nothing when the policy says none', () => {
    expect(surveyChannel(policy({ kind: 'none' }), withEmail, 'email')).toBeNull();
  });
});

describe('detractors and scores', () => {
  it('flags CSAT ≤ 2 and NPS ≤ 6', () => {
    expect([1, 2, 3].map((s) => isDetractor('csat', s))).toEqual([true, true, false]);
    expect([6, 7, 9].map((s) => isDetractor('nps', s))).toEqual([true, false, false]);
  });

  it('accepts only scores on the survey scale', () => {
    expect(isValidScore('csat', 0)).toBe(false);
    expect(isValidScore('csat', 5)).toBe(true);
    expect(isValidScore('csat', 9)).toBe(false);
    expect(isValidScore('nps', 0)).toBe(true);
    expect(isValidScore('nps', 10)).toBe(true);
  });
});
