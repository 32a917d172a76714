import { describe, expect, it } from 'vitest';
import { visitorCookieSite } from '../../../worker/chat/visitorCookieSite';

describe('visitor cookie site', () => {
  it('travels cross-site, Secure, when Relais is served over https', () => {
    expect(visitorCookieSite('https://relais.example')).toEqual({ sameSite: 'none', secure: true });
  });

  it('stays Lax over http, where browsers refuse SameSite=None', () => {
    expect(visitorCookieSite('http://localhost:3000')).toEqual({ sameSite: 'lax' });
  });
});
