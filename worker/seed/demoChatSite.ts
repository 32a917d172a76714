import type { ChatSiteDoc } from '../store/chatSites';

/**
 * The site of `data-relais-channel="chat"`, the demo page's: the whole catalogue of categories,
 * the general queue, and visitors queue at any hour, so the demo chats even at night. Pages of
 * Relais's own origin need no CORS, hence no origins.
 */
export const demoChatSite = (categories: string[]): ChatSiteDoc => ({
  _id: 'chat',
  labels: { fr: 'Site de démonstration', en: 'Demo site' },
  categories,
  queueId: 'general',
  offlineOffer: false,
  origins: [],
});
