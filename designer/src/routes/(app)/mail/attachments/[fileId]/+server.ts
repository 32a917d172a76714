import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth';
import { relais } from '$lib/server/relais';
import { mailStores } from '$worker/email/mailStores';
import type { RequestHandler } from './$types';

/** A mail attachment, for signed-in users only, always as a download (never rendered inline). */
export const GET: RequestHandler = async (event) => {
  requireUser(event);
  const { stores } = await relais();
  const file = await mailStores(stores.outbox.col.db).attachments.get(event.params.fileId);
  if (!file)
    error(404, event.locals.lang === 'fr' ? 'Pièce jointe inconnue' : 'No such attachment');
  return new Response(new Uint8Array(file.content), {
    headers: {
      'content-type': file.contentType,
      'content-length': String(file.content.length),
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      'cache-control': 'private, no-store',
    },
  });
};
