import type { ChatConversation, ChatView } from '../routes/api/chat/chatApi';

/** The outcome of a call the widget words: ok, or an error code (field codes by field). */
export type Sent =
  { ok: true } | { ok: false; code: string; errors?: Record<string, string>; maxBytes?: number };

/** What a refused call answered, as the code the widget words. */
async function refusal(res: Response): Promise<Sent> {
  const answer = (await res.json().catch(() => ({}))) as {
    code?: string;
    errors?: Record<string, string>;
    maxBytes?: number;
  };
  if (res.status === 401) return { ok: false, code: 'expired' };
  if (res.status === 429) return { ok: false, code: 'throttled' };
  // 413 also comes from the server's own body limit, without a JSON answer.
  if (res.status === 413) return { ok: false, code: 'fileTooLarge', maxBytes: answer.maxBytes };
  if (res.status === 415) return { ok: false, code: 'fileType' };
  if (answer.code === 'invalid' && answer.errors)
    return { ok: false, code: 'invalid', errors: answer.errors };
  if (answer.code === 'no-survey') return { ok: false, code: 'noSurvey' };
  return { ok: false, code: res.status === 400 ? 'tooLong' : 'unavailable' };
}

/**
 * The chat API of the Relais that served the widget. Calls carry the visitor cookie
 * (`credentials: 'include'`), which is all that names the visitor.
 */
export function chatClient(base: string) {
  const post = async (path: string, init: RequestInit): Promise<Sent> => {
    try {
      const res = await fetch(`${base}/api/chat/${path}`, {
        ...init,
        method: 'POST',
        credentials: 'include',
      });
      return res.ok ? { ok: true } : await refusal(res);
    } catch {
      return { ok: false, code: 'unavailable' };
    }
  };
  const call = (path: string, body: unknown) =>
    post(path, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
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
    /** A file as a message of its own; `messageId` makes a resend the same message. */
    sendFile: (messageId: string, file: File) => {
      const form = new FormData();
      form.set('messageId', messageId);
      form.set('file', file);
      return post('files', { body: form });
    },
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
