import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open, seal } from '../../../worker/privacy/aesGcm';
import { payloadsFromJson, payloadsToJson } from '../../../worker/privacy/codecJson';
import { customerNamedIn } from '../../../worker/privacy/keyChoice';
import { masterKeyFrom } from '../../../worker/privacy/masterKeys';

const json = (v: unknown) => new Uint8Array(Buffer.from(JSON.stringify(v)));

describe('customerNamedIn', () => {
  it('finds the one customer a payload names, however deep', () => {
    expect(customerNamedIn(json({ customer: { customerId: 'c-1', name: 'Ana' } }))).toBe('c-1');
    expect(customerNamedIn(json([{ customerId: 'c-1' }, { customerId: 'c-1' }]))).toBe('c-1');
  });

  it('names nobody when the payload names none or several customers', () => {
    expect(customerNamedIn(json({ caseId: 'k-1' }))).toBeNull();
    expect(customerNamedIn(json([{ customerId: 'c-1' }, { customerId: 'c-2' }]))).toBeNull();
    expect(customerNamedIn(undefined)).toBeNull();
  });

  it('reads data that is a plain array, as protobuf leaves a payload without data', () => {
    const asArray = [...json({ customerId: 'c-1' })] as unknown as Uint8Array;
    expect(customerNamedIn(asArray)).toBe('c-1');
    expect(customerNamedIn([] as unknown as Uint8Array)).toBeNull();
  });
});

describe('AES-256-GCM sealing', () => {
  const key = randomBytes(32);

  it('opens what it sealed, with the same key and aad', () => {
    const sealed = seal(key, Buffer.from('Claire Martin'), 'customer:c-1');
    expect(sealed.toString()).not.toContain('Claire');
    expect(open(key, sealed, 'customer:c-1').toString()).toBe('Claire Martin');
  });

  it('refuses another key, another aad, or a changed byte', () => {
    const sealed = seal(key, Buffer.from('Claire Martin'), 'customer:c-1');
    expect(() => open(randomBytes(32), sealed, 'customer:c-1')).toThrow();
    expect(() => open(key, sealed, 'customer:c-2')).toThrow();
    sealed[sealed.length - 1]! ^= 1;
    expect(() => open(key, sealed, 'customer:c-1')).toThrow();
  });
});

describe('master keys', () => {
  it('takes 32 bytes of base64 and names them by a hash', () => {
    const b64 = randomBytes(32).toString('base64');
    expect(masterKeyFrom(b64).id).toMatch(/^[0-9a-f]{16}$/);
    expect(masterKeyFrom(b64).id).toBe(masterKeyFrom(`${b64}\n`).id);
    expect(() => masterKeyFrom(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});

describe('codec endpoint JSON', () => {
  it('round-trips payloads through the proto JSON the Temporal UI posts', () => {
    const payloads = [
      { metadata: { encoding: new Uint8Array(Buffer.from('json/plain')) }, data: json('x') },
    ];
    const back = payloadsFromJson(payloadsToJson(payloads));
    expect(Buffer.from(back[0]!.data!).toString()).toBe('"x"');
    expect(Buffer.from(back[0]!.metadata!.encoding!).toString()).toBe('json/plain');
    expect(payloadsToJson(payloads).payloads[0]!.metadata!.encoding).toBe(
      Buffer.from('json/plain').toString('base64'),
    );
  });
});
