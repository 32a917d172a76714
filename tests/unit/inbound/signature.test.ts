import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  sign,
  signedHeaders,
  signatureHeader,
  timestampHeader,
  verifySignature,
} from '../../../worker/inbound/signature';

const secret = 'unit-test-secret-0123456789';
const body = '{"messageId":"m-1","text":"Bonjour"}';
const now = Date.parse('2026-03-02T10:00:00Z');
const at = Math.floor(now / 1000);

const check = (signature: string | null, timestamp: string | null, when = now, raw = body) =>
  verifySignature(secret, raw, { signature, timestamp }, when);

describe('webhook signatures', () => {
  it('signs "<timestamp>.<raw body>" with HMAC-SHA256, as the README documents', () => {
    const expected = createHmac('sha256', secret).update(`${at}.${body}`).digest('hex');
    expect(sign(secret, body, at)).toBe(`sha256=${expected}`);
    expect(signedHeaders(secret, body, now)).toEqual({
      [timestampHeader]: String(at),
      [signatureHeader]: `sha256=${expected}`,
    });
  });

  it('accepts a fresh signature, in either hex case, within five minutes either way', () => {
    const sig = sign(secret, body, at);
    expect(check(sig, String(at))).toBe('valid');
    expect(check(sig.toUpperCase().replace('SHA256=', 'sha256='), String(at))).toBe('valid');
    expect(check(sig, String(at), now + 299_000)).toBe('valid');
    expect(check(sign(secret, body, at + 290), String(at + 290))).toBe('valid');
  });

  it('refuses a replay of a call older than five minutes, and a timestamp from the future', () => {
    expect(check(sign(secret, body, at), String(at), now + 301_000)).toBe('expired');
    expect(check(sign(secret, body, at + 400), String(at + 400))).toBe('expired');
  });

  it('refuses a signature of another body, timestamp or secret', () => {
    expect(check(sign(secret, body, at), String(at), now, `${body} `)).toBe('mismatch');
    // Moving the timestamp forward to pass the tolerance breaks the signature.
    expect(check(sign(secret, body, at - 600), String(at))).toBe('mismatch');
    expect(check(sign('another-secret-0123456789', body, at), String(at))).toBe('mismatch');
  });

  it('refuses missing and malformed headers without comparing anything', () => {
    expect(check(null, String(at))).toBe('missing');
    expect(check(sign(secret, body, at), null)).toBe('missing');
    const hex = sign(secret, body, at).slice('sha256='.length);
    expect(check(hex, String(at))).toBe('malformed');
    expect(check(`sha256=${hex.slice(0, 63)}`, String(at))).toBe('malformed');
    expect(check(`sha256=${hex}00`, String(at))).toBe('malformed');
    expect(check(`sha1=${hex}`, String(at))).toBe('malformed');
    expect(check(sign(secret, body, at), `${at}.5`)).toBe('malformed');
    expect(check(sign(secret, body, at), 'now')).toBe('malformed');
  });
});
