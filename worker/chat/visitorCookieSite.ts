/**
 * How the visitor cookie may travel. Served over https, Relais can be embedded by a site on
 * another domain: the cookie must then go with cross-site requests (SameSite=None), which
 * browsers only accept on a Secure cookie. Over http it stays Lax (same site only).
 */
export function visitorCookieSite(
  publicUrl: string,
): { sameSite: 'none'; secure: true } | { sameSite: 'lax' } {
  return new URL(publicUrl).protocol === 'https:'
    ? { sameSite: 'none', secure: true }
    : { sameSite: 'lax' };
}
