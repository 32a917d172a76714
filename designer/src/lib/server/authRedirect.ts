const base = 'http://relais.invalid';

/**
 * Where to send the user after signing in or switching language: a path on this site, or null.
 * Browsers read "/\evil", "/%09/evil" (after decoding) or "//evil" as another host, so
 * backslashes, control characters and their encoded forms are refused outright.
 */
export function safeRedirectTarget(next: unknown): string | null {
  if (typeof next !== 'string' || next.length > 2000) return null;
  if (!next.startsWith('/') || next.startsWith('//')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]|%5c|%[01][0-9a-f]|%7f/i.test(next)) return null;
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return null;
  }
  return url.origin === base ? url.pathname + url.search + url.hash : null;
}
