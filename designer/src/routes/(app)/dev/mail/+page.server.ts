import { relais } from '$lib/server/relais';
import { mailStores } from '$worker/email/mailStores';
import { caseRef } from '$workflows/lib/promiseWords';
import type { PageServerLoad } from './$types';

const shown = 50;

/** The dev mail sink's catch and the mail received, newest first. */
export const load: PageServerLoad = async () => {
  const { stores } = await relais();
  const mail = mailStores(stores.outbox.col.db);
  const [sent, received] = await Promise.all([
    mail.devMailbox.latest(shown),
    mail.inbound.latest(shown),
  ]);
  return {
    sent: sent.map(({ raw: _raw, envelopeFrom: _from, ...m }) => m),
    received: received.map(({ html: _html, ...m }) => ({
      ...m,
      caseRef: m.caseId ? caseRef(m.caseId) : null,
    })),
  };
};
