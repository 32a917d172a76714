import type { ChatOfflineReceipt, ChatSitePublic } from '../routes/api/chat/site/siteApi';

/** An answer the widget words: the value, or an error code (field codes by field). */
export type Answer<T> =
  { ok: true; value: T } | { ok: false; code: string; errors?: Record<string, string> };

/** The host page's signed-in customer as its tag gives them; the server checks the hash. */
export interface TagIdentity {
  email: string;
  hash: string;
  name: string | null;
}

/** The chat site API of the Relais that served the widget, for the site the tag names. */
export function siteClient(base: string, siteId: string) {
  const url = (path: string) => `${base}/api/chat/site/${encodeURIComponent(siteId)}${path}`;
  const answer = async <T>(request: Promise<Response>): Promise<Answer<T>> => {
    try {
      const res = await request;
      const body = (await res.json().catch(() => ({}))) as {
        code?: string;
        errors?: Record<string, string>;
      };
      if (res.ok) return { ok: true, value: body as T };
      if (res.status === 404) return { ok: false, code: 'unknownSite' };
      if (res.status === 429) return { ok: false, code: 'throttled' };
      if (body.code === 'invalid' && body.errors)
        return { ok: false, code: 'invalid', errors: body.errors };
      return { ok: false, code: res.status === 403 ? 'unverified' : 'unavailable' };
    } catch {
      return { ok: false, code: 'unavailable' };
    }
  };
  const post = <T>(path: string, body: unknown) =>
    answer<T>(
      fetch(url(path), {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  return {
    settings: (lang: 'fr' | 'en') =>
      answer<ChatSitePublic>(fetch(url(`?lang=${lang}`), { credentials: 'include' })),
    identify: (identity: TagIdentity, lang: 'fr' | 'en') =>
      post<{ name: string }>('/identify', {
        email: identity.email,
        hash: identity.hash,
        ...(identity.name ? { name: identity.name } : {}),
        lang,
      }),
    leaveMessage: (form: { name: string; email: string; text: string; lang: 'fr' | 'en' }) =>
      post<ChatOfflineReceipt>('/message', form),
    callback: (form: { name: string; phone: string; when: string; lang: 'fr' | 'en' }) =>
      post<ChatOfflineReceipt>('/callback', form),
  };
}
export type SiteClient = ReturnType<typeof siteClient>;
