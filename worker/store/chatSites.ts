import { randomBytes } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import type { Actor } from '../rules/actor';
import { requireManager } from '../rules/actor';
import type { CatalogueAuditStore } from './catalogue/catalogueAudit';
import { CatalogueCollection } from './catalogue/catalogueCollection';
import { CatalogueIdSchema, LabelsSchema } from './catalogue/catalogueFields';
import type { RemoveResult } from './catalogue/usage';
import { insertOnce } from './mongo';
import { parseDocOrNull } from './parseDoc';

/** An origin as browsers send it: scheme, host and port, nothing after. */
export const OriginSchema = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return /^https?:$/.test(url.protocol) && url.origin === value;
    } catch {
      return false;
    }
  }, 'an origin such as https://shop.example');

const unique = (values: string[]) => new Set(values).size === values.length;

/**
 * A site that embeds the chat widget; its id is the tag's `data-relais-channel`. Its identity
 * secret is kept apart (ChatSiteSecretStore), so that no list, page or audit entry carries it.
 */
export const ChatSiteDocSchema = z.object({
  _id: CatalogueIdSchema,
  labels: LabelsSchema,
  /** The catalogue categories the pre-chat form offers; none: the form asks no category. */
  categories: z.array(CatalogueIdSchema).max(30).refine(unique, 'each category once'),
  /** Its hours and the agents serving it decide whether the chat is online. */
  queueId: CatalogueIdSchema,
  /**
   * Offline (queue closed, nobody Available), offer to leave a message or ask for a callback;
   * else visitors chat anyway and wait in the queue.
   */
  offlineOffer: z.boolean(),
  /** Pages of these origins may embed the widget (CORS with credentials). */
  origins: z.array(OriginSchema).max(20).refine(unique, 'each origin once'),
});
export type ChatSiteDoc = z.infer<typeof ChatSiteDocSchema>;

export class ChatSiteStore extends CatalogueCollection<ChatSiteDoc> {
  readonly secrets: ChatSiteSecretStore;

  constructor(db: Db, audit: CatalogueAuditStore) {
    super(db, 'chatSites', 'chat-site', ChatSiteDocSchema, audit);
    this.secrets = new ChatSiteSecretStore(db, audit);
  }

  /** Nothing else names a site; its secret goes with it, so a re-created site gets a new one. */
  async remove(id: string, actor: Actor): Promise<RemoveResult> {
    await this.delete(id, actor);
    await this.secrets.col.deleteOne({ _id: id });
    return { ok: true };
  }

  /** Every origin some site allows: the chat API answers their pages' requests. */
  async allowedOrigins(): Promise<Set<string>> {
    return new Set((await this.list()).flatMap((site) => site.origins));
  }
}

const SecretDocSchema = z.object({ _id: z.string(), secret: z.string().min(32) });

/** The identity secrets of the chat sites, each shown to a manager once, when made. */
export class ChatSiteSecretStore {
  readonly col: Collection<{ _id: string; secret: string }>;

  constructor(
    db: Db,
    private readonly audit: CatalogueAuditStore,
  ) {
    this.col = db.collection('chatSiteSecrets');
  }

  async get(siteId: string): Promise<string | null> {
    const doc = parseDocOrNull(
      SecretDocSchema,
      'chatSiteSecrets',
      await this.col.findOne({ _id: siteId }),
    );
    return doc?.secret ?? null;
  }

  /** A new secret for the site, replacing any before it (pages signed with it stop matching). */
  async regenerate(siteId: string, actor: Actor): Promise<string> {
    const who = requireManager(actor, 'regenerate chat site secrets');
    const secret = newSiteSecret();
    await this.col.replaceOne({ _id: siteId }, { secret }, { upsert: true });
    // The action says it all; the secret itself is never written to the audit.
    await this.audit.append(who, 'chat-site', siteId, 'regenerate-secret', { fr: [], en: [] });
    return secret;
  }

  /** The seed's way: a secret unless the site has one, unseen until a manager regenerates it. */
  async createIfMissing(siteId: string): Promise<void> {
    await insertOnce(this.col, { _id: siteId, secret: newSiteSecret() });
  }
}

/** 256 bits, hex: what a host site's server needs to sign with. */
const newSiteSecret = () => randomBytes(32).toString('hex');
