/** English text of the chat sites page (merged into en.ts). */
export const chatSitesEn = {
  chatSites: {
    nav: 'Chat sites',
    title: 'Chat sites',
    intro:
      'Each website that embeds the chat widget: the categories its pre-chat form offers, the queue whose hours and agents decide whether it is online, and the origins allowed to embed it.',
    new: 'New chat site',
    embed: 'Tag for the site’s pages',
    categories: 'Categories offered',
    categoriesHint: 'None ticked: the form asks no category.',
    queue: 'Queue',
    queueHint:
      'The chat is online while this queue is open and one of its agents who takes chats is Available.',
    offlineOffer: 'When offline, offer to leave a message or request a callback',
    offlineHint: 'Unticked, visitors chat anyway and wait in the queue.',
    origins: 'Allowed origins',
    originsHint:
      'One per line, such as https://shop.example. Pages of these origins may use the widget; Relais’s own pages need none.',
    identity: 'Identity verification',
    identityHint:
      'The site’s server signs its signed-in customer’s email: hex HMAC-SHA256 of the email with the secret, in data-relais-user-email and data-relais-user-hash.',
    regenerate: 'Regenerate the secret',
    regenerateConfirm:
      'Regenerate the secret? Pages signed with the old one stop identifying their customers.',
    secretShown: (site: string) =>
      `Identity secret of “${site}”. Copy it now: it will not be shown again.`,
    secretHint: 'Keep it on the site’s server only, never in a page.',
    summary: (queue: string, origins: number) =>
      `Queue ${queue} · ${origins === 0 ? 'no other origin' : origins === 1 ? '1 origin' : `${origins} origins`}`,
  },
};
