import { chatVisitorViewer } from '../store/caseViewers';

/** What the visitor sees of an agent: their first name, never their sign-in id. */
export const firstName = (fullName: string): string => fullName.trim().split(/\s+/)[0] ?? '';

/** When the last reply we sent went out; one not yet sent has no time and counts later. */
export function lastReplyAt(lines: readonly { from: 'customer' | 'us'; at: string | null }[]) {
  const sent = lines.filter((l) => l.from === 'us' && l.at !== null).map((l) => l.at ?? '');
  return sent.length === 0 ? null : sent.reduce((a, b) => (a > b ? a : b));
}

/**
 * The agent the visitor should see typing: one with a live typing mark made after the last reply
 * we sent, so that the indicator goes as soon as the reply lands rather than when the mark
 * expires. The visitor's own mark is theirs, not an agent's.
 */
export function typingAgent(
  typists: readonly { userId: string; typedAt: Date }[],
  lastReplyAt: string | null,
): string | null {
  const since = lastReplyAt === null ? 0 : Date.parse(lastReplyAt);
  const typist = typists.find((t) => t.userId !== chatVisitorViewer && t.typedAt.getTime() > since);
  return typist?.userId ?? null;
}
