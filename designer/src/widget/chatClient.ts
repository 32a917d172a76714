import type { ChatConversation, ChatView } from '../routes/api/chat/chatApi';

/** The outcome of a call the widget words: ok, or an error code (field codes by field). */
export type Sent = { ok: true } | { ok: false; code: string; errors?: Record<string, string> };

/**
 * The chat API of the Relais that served the widget. Calls carry the visitor cookie
 * (`credentials: 'include'`), which is all that names the visitor.
 */
export function chatClient(base: string) {
  const call = async (path: string, body: unknown): Promise<Sent> => {
    try {
      const res = await fetch(`${base}/api/chat/${path}`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.ok) return { ok: true };
      const answer = (await res.json().catch(() => ({}))) as {
        code?: string;
        errors?: Record<string, string>;
      };
      if (res.status === 401) return { ok: false, code: 'expired' };
      if (res.status === 429) return { ok: false, code: 'throttled' };
      if (answer.code === 'invalid' && answer.errors)
        return { ok: false, code: 'invalid', errors: answer.errors };
      if (answer.code === 'no-survey') return { ok: false, code: 'noSurvey' };
      return { ok: false, code: res.status === 400 ? 'tooLong' : 'unavailable' };
    } catch {
      return { ok: false, code: 'unavailable' };
    }
  };
  return {
    async conversation(lang: 'fr' | 'en'): Promise<ChatConversation | null> {
      try {
        const res = await fetch(`${base}/api/chat/conversation?lang=${lang}`, {
          credentials: 'include',
        });
        return res.ok ? ((await res.json()) as ChatConversation) : null;
      } catch {
        return null;
      }
    },
    start: (form: { name: string; email: string; category: string | null; lang: 'fr' | 'en' }) =>
      call('start', form),
    send: (messageId: string, text: string) => call('messages', { messageId, text }),
    score: (score: number) => call('score', { score }),
    /** The conversation by email; `requestId` makes a repeated request the same. */
    transcript: (requestId: string) => call('transcript', { requestId }),
    /** The visitor is typing; nothing to report back. */
    typing: () => void call('typing', {}),
    /** Every new view of the conversation until `close` is called; the browser reconnects. */
    follow(onView: (view: ChatView) => void): () => void {
      const source = new EventSource(`${base}/api/chat/stream`, { withCredentials: true });
      source.onmessage = (event) => onView(JSON.parse(String(event.data)) as ChatView);
      return () => source.close();
    },
  };
}
export type ChatClient = ReturnType<typeof chatClient>;
