import EmailReplyParser from 'email-reply-parser';

const parser = new EmailReplyParser();

/**
 * What the customer wrote this time, without the quoted history their client appended ("Le …
 * a écrit :", "On … wrote:", "> …") nor their signature; the whole text is kept beside it.
 */
export function newText(fullText: string): string {
  return parser.parseReply(fullText).trim();
}
