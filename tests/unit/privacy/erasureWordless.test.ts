import { describe, expect, it } from 'vitest';
import { wordlessData } from '../../../worker/store/erasureStore';

describe('timeline data of an erased customer', () => {
  it('keeps numbers, flags and word-free fields, and drops every text', () => {
    expect(
      wordlessData({
        channel: 'email',
        messageId: '<abc@exemple.fr>',
        subject: 'Facture de Claire',
        text: 'Je suis Claire Martin, 06 12 34 56 78',
        score: 4,
        kind: 'csat',
        waitedSeconds: 12,
        escalated: true,
        agentId: 'ana',
        reason: 'the customer said why',
        changes: { queue: 'billing' },
      }),
    ).toEqual({
      channel: 'email',
      score: 4,
      kind: 'csat',
      waitedSeconds: 12,
      escalated: true,
      agentId: 'ana',
      erased: true,
    });
  });
});
