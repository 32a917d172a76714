import type { Db } from 'mongodb';
import { DevMailbox } from './devMailbox';
import { InboundMailStore } from './inboundMails';
import { MailAttachmentStore } from './mailAttachments';

export interface MailStores {
  inbound: InboundMailStore;
  attachments: MailAttachmentStore;
  devMailbox: DevMailbox;
}

const byDb = new WeakMap<Db, MailStores>();

/** The email collections of one database, created once per client. */
export function mailStores(db: Db): MailStores {
  let stores = byDb.get(db);
  if (!stores) {
    stores = {
      inbound: new InboundMailStore(db),
      attachments: new MailAttachmentStore(db),
      devMailbox: new DevMailbox(db),
    };
    byDb.set(db, stores);
  }
  return stores;
}

export async function ensureMailIndexes(stores: MailStores): Promise<void> {
  await stores.inbound.ensureIndexes();
  await stores.attachments.ensureIndexes();
  await stores.devMailbox.ensureIndexes();
}
