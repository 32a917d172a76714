import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import proto from '@temporalio/proto';
import { open, seal } from './aesGcm';
import type { KeyChoice } from './keyChoice';
import type { KeyRing } from './keyRing';

// The default import: the designer's server bundle loads this CommonJS module from Node's ESM.
const { Payload: PayloadProto } = proto.temporal.api.common.v1;

const encryptedEncoding = 'binary/encrypted';
const keyIdMetadata = 'encryption-key-id';

const text = (s: string) => new Uint8Array(Buffer.from(s));
const str = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString() : undefined);

/** Whether a payload went through the codec (the rest is passed through as it is). */
export const isEncrypted = (p: Payload) => str(p.metadata?.encoding) === encryptedEncoding;

/** The data key a payload was encrypted with; undefined when it is in clear. */
export const payloadKeyId = (p: Payload) =>
  isEncrypted(p) ? str(p.metadata?.[keyIdMetadata]) : undefined;

/**
 * Encrypts whole payloads (data and metadata) with AES-256-GCM under the data key of the
 * customer they belong to; the key id, in clear in the metadata, also authenticates the bytes.
 * Payloads written before the codec are not encrypted and decode as they are: old histories
 * still replay.
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(
    private readonly keys: KeyRing,
    private readonly choice: KeyChoice,
  ) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (payload) => {
        const keyId = await this.choice.keyIdFor(payload, context);
        const key = await this.keys.keyFor(keyId);
        const plaintext = PayloadProto.encode(payload).finish();
        return {
          metadata: { encoding: text(encryptedEncoding), [keyIdMetadata]: text(keyId) },
          data: seal(key, plaintext, keyId),
        };
      }),
    );
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (payload) => {
        const keyId = payloadKeyId(payload);
        if (keyId === undefined) return payload;
        const key = await this.keys.existingKey(keyId);
        const decoded = PayloadProto.decode(open(key, payload.data!, keyId));
        return decoded as Payload;
      }),
    );
  }
}
