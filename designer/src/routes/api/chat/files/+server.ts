import { json } from '@sveltejs/kit';
import { attachmentRefusal } from '$worker/email/attachmentPolicy';
import { mailStores } from '$worker/email/mailStores';
import { chatEn } from '$lib/i18n/chat.en';
import { chatFr } from '$lib/i18n/chat.fr';
import { relais } from '$lib/server/relais';
import { ChatFileSchema } from '../chatApi';
import { throttled } from '../limits.server';
import { noVisitor, visitorOf } from '../visitor.server';
import { chatMessageId, postVisitorMessage } from '../visitorMessage.server';
import type { RequestHandler } from './$types';

/**
 * A file from the visitor, with the limits of email attachments (size and types): refused at
 * once with its reason, so the visitor still has it and nothing is written; else sent as a
 * message naming it, which the agents see with the file under it.
 */
export const POST: RequestHandler = async ({ request, cookies, url, getClientAddress }) => {
  const r = await relais();
  const visitor = visitorOf(r, cookies);
  if (!visitor) return noVisitor();
  const refused = await throttled([
    ['messagesPerVisitor', visitor.id],
    ['messagesPerAddress', getClientAddress()],
  ]);
  if (refused) return refused;
  const form = await request.formData().catch(() => null);
  const parsed = ChatFileSchema.safeParse({
    messageId: form?.get('messageId'),
    file: form?.get('file'),
  });
  if (!parsed.success)
    return json(
      { code: 'invalid', message: 'Send one file', error: parsed.error.issues[0]?.message },
      { status: 400 },
    );
  const { file, messageId } = parsed.data;
  const contentType = (file.type || 'application/octet-stream').toLowerCase();
  const maxBytes = r.config.RELAIS_MAIL_ATTACHMENT_MAX_BYTES;
  const refusal = attachmentRefusal(
    { size: file.size, contentType },
    { maxBytes, types: r.config.RELAIS_MAIL_ATTACHMENT_TYPES },
  );
  if (refusal === 'too-large')
    return json({ code: refusal, message: 'File too large', maxBytes }, { status: 413 });
  if (refusal) return json({ code: refusal, message: 'File type not accepted' }, { status: 415 });

  const filename = file.name;
  const posted = await postVisitorMessage(r, cookies, url, visitor, {
    messageId,
    // In the visitor's words, as what they type: the thread shows the file under it.
    text: (visitor.lang === 'en' ? chatEn : chatFr).fileLine(filename),
  });
  if (!posted.ok) return posted.response;
  // After the message, so no file is kept that no case names (erasure finds files by case); a
  // failure here leaves the message naming it, and the widget's resend completes it.
  const caseMessageId = chatMessageId(messageId);
  const fileId = `${caseMessageId}-file`;
  await mailStores(r.stores.outbox.col.db).attachments.put(fileId, caseMessageId, {
    filename,
    contentType,
    content: Buffer.from(await file.arrayBuffer()),
  });
  await r.stores.chatAttachments.record({
    _id: fileId,
    caseId: posted.caseId,
    customerId: posted.customerId,
    messageId: caseMessageId,
    filename,
    contentType,
    size: file.size,
    receivedAt: new Date(),
  });
  return json({ accepted: true }, { status: 202 });
};
