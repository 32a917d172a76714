import type { Lang } from '../../rules/model/channel';

const words = {
  fr: {
    greeting: (name: string) => `Bonjour ${name},`,
    lead: 'Voici votre discussion avec notre support, comme vous l’avez demandée.',
    you: 'Vous :',
    us: 'Support :',
    empty: '(aucun message pour le moment)',
  },
  en: {
    greeting: (name: string) => `Hello ${name},`,
    lead: 'Here is your chat with our support, as you asked.',
    you: 'You:',
    us: 'Support:',
    empty: '(no message yet)',
  },
};

/**
 * The transcript emailed to a chat visitor: the lines of their conversation as the widget shows
 * them (their messages and our replies, never notes), each under who wrote it.
 */
export function transcriptText(
  visitorName: string,
  lang: Lang,
  lines: readonly { from: 'customer' | 'us'; text: string }[],
): string {
  const w = words[lang];
  const body =
    lines.length === 0
      ? [w.empty]
      : lines.map((line) => `${line.from === 'us' ? w.us : w.you}\n${line.text}`);
  return [w.greeting(visitorName), '', w.lead, '', body.join('\n\n')].join('\n');
}
