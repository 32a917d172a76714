import type { Db, Document, Filter } from 'mongodb';

/**
 * The stored files (`mailAttachments`) of the inbound mails and chat files that match: what
 * erasure and the attachment retention remove. A refused mail attachment has no file.
 */
export async function attachmentFileIds(
  db: Db,
  match: { mails: Filter<Document>; chats: Filter<Document> },
): Promise<string[]> {
  const [mails, chats] = await Promise.all([
    db
      .collection('inboundMails')
      .find(match.mails, { projection: { attachments: 1 } })
      .toArray(),
    db
      .collection('chatAttachments')
      .find(match.chats, { projection: { _id: 1 } })
      .toArray(),
  ]);
  return [
    ...mails.flatMap((m) =>
      ((m.attachments ?? []) as { fileId: string | null }[]).flatMap((a) =>
        a.fileId ? [a.fileId] : [],
      ),
    ),
    ...chats.map((c) => String(c._id)),
  ];
}
