import { describe, expect, it } from 'vitest';
import { transcriptText } from '../../../worker/chat/chatTranscript';

describe('chat transcript', () => {
  it('gives every line under who wrote it, in the visitor language', () => {
    const lines = [
      { from: 'customer' as const, text: 'Où est ma commande ?' },
      { from: 'us' as const, text: 'Elle part demain.' },
    ];
    expect(transcriptText('Claire', 'fr', lines)).toBe(
      [
        'Bonjour Claire,',
        '',
        'Voici votre discussion avec notre support, comme vous l’avez demandée.',
        '',
        'Vous :\nOù est ma commande ?\n\nSupport :\nElle part demain.',
      ].join('\n'),
    );
    const en = transcriptText('Claire', 'en', lines);
    expect(en).toMatch(/^Hello Claire,/);
    expect(en).toContain('You:\nOù est ma commande ?\n\nSupport:\nElle part demain.');
  });

  it('says so when there is nothing yet', () => {
    expect(transcriptText('Hugo', 'en', [])).toContain('(no message yet)');
  });
});
