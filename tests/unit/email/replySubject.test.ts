import { describe, expect, it } from 'vitest';
import { replySubject } from '../../../worker/email/mailThreading';

const caseId = '1a2b3c4d-0000-4000-8000-000000000000';

describe('reply subject', () => {
  it('answers the customer’s subject with "Re:" and the case reference', () => {
    expect(replySubject('Colis jamais arrivé', caseId)).toBe('Re: Colis jamais arrivé [#1A2B3C4D]');
  });

  it('never says "Re: Re:", whatever prefixes the thread piled up', () => {
    for (const original of [
      'Re: Colis jamais arrivé',
      'RE : re: Colis jamais arrivé',
      'TR: Re: Fwd: Colis jamais arrivé',
      'AW: Re[2]: Colis jamais arrivé',
    ])
      expect(replySubject(original, caseId)).toBe('Re: Colis jamais arrivé [#1A2B3C4D]');
  });

  it('keeps the case reference once, wherever the customer left it', () => {
    expect(replySubject('Re: Colis [#1a2b3c4d] jamais arrivé', caseId)).toBe(
      'Re: Colis jamais arrivé [#1A2B3C4D]',
    );
    expect(replySubject('Re: [#1A2B3C4D]', caseId)).toBe('Re: [#1A2B3C4D]');
  });
});
