import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { DataKeyDoc, DataKeyStore } from '../store/dataKeys';
import { open, seal } from './aesGcm';
import type { MasterKey, MasterKeys } from './masterKeys';

/** A payload whose data key was destroyed (its customer erased): it cannot be read any more. */
export class DataKeyDestroyedError extends Error {
  constructor(
    readonly keyId: string,
    readonly destroyedAt: Date | null,
  ) {
    super(
      `data key ${keyId} was destroyed${destroyedAt ? ` on ${destroyedAt.toISOString()}` : ''}: ` +
        'its payloads cannot be decrypted any more (README "Personal data")',
    );
    this.name = 'DataKeyDestroyedError';
  }
}

export interface KeyRingOptions {
  /** Unwrapped keys kept in memory: one per customer seen recently. */
  maxKeys?: number;
  /** How long a cached key is trusted: a key destroyed by another process is gone within it. */
  ttlMs?: number;
}

/**
 * The data keys, unwrapped on demand with the master key and cached (bounded) so the codec
 * costs a MongoDB read per key per TTL at most.
 */
export class KeyRing {
  private readonly cache: LRUCache<string, Buffer>;

  constructor(
    private readonly store: () => DataKeyStore,
    private readonly masters: MasterKeys,
    options: KeyRingOptions = {},
  ) {
    this.cache = new LRUCache({ max: options.maxKeys ?? 10_000, ttl: options.ttlMs ?? 60_000 });
  }

  /** The key to encrypt with, created (once, whichever process is first) when new. */
  async keyFor(id: string): Promise<Buffer> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const doc =
      (await this.store().get(id)) ??
      (await this.store().insertOnce({
        _id: id,
        ...this.wrap(id, randomBytes(32)),
        createdAt: new Date(),
        destroyedAt: null,
      }));
    return this.remember(doc);
  }

  /** The key to decrypt with; it must exist. */
  async existingKey(id: string): Promise<Buffer> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const doc = await this.store().get(id);
    if (!doc) throw new Error(`data key ${id} is unknown: was the key store emptied?`);
    return this.remember(doc);
  }

  /** Crypto-shredding: the key goes from the store and from this process's memory. */
  async destroy(id: string): Promise<void> {
    await this.store().destroy(id);
    this.cache.delete(id);
  }

  /** Re-wraps every key still wrapped by a previous master key; returns how many. */
  async rewrapAll(): Promise<number> {
    const stale = await this.store().wrappedByOtherThan(this.masters.current.id);
    for (const doc of stale) {
      const wrapped = this.wrap(doc._id, this.unwrap(doc));
      await this.store().rewrap(doc, wrapped.wrapped, wrapped.masterKeyId);
    }
    return stale.length;
  }

  private remember(doc: DataKeyDoc): Buffer {
    const key = this.unwrap(doc);
    this.cache.set(doc._id, key);
    return key;
  }

  private wrap(id: string, key: Buffer): { wrapped: string; masterKeyId: string } {
    const master = this.masters.current;
    return { wrapped: seal(master.key, key, id).toString('base64'), masterKeyId: master.id };
  }

  private unwrap(doc: DataKeyDoc): Buffer {
    if (doc.wrapped === null) throw new DataKeyDestroyedError(doc._id, doc.destroyedAt);
    const master = this.master(doc.masterKeyId);
    return open(master.key, Buffer.from(doc.wrapped, 'base64'), doc._id);
  }

  private master(id: string | null): MasterKey {
    const found = [this.masters.current, ...this.masters.previous].find((m) => m.id === id);
    if (!found)
      throw new Error(
        `data keys are wrapped by master key ${id}, which is neither RELAIS_MASTER_KEY nor ` +
          'one of RELAIS_MASTER_KEY_PREVIOUS',
      );
    return found;
  }
}
