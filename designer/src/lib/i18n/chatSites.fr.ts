import type { chatSitesEn } from './chatSites.en';

/** Texte français de la page des sites de chat (fusionné dans fr.ts). */
export const chatSitesFr: typeof chatSitesEn = {
  chatSites: {
    nav: 'Sites de chat',
    title: 'Sites de chat',
    intro:
      'Chaque site web qui intègre le widget de chat : les catégories que propose son formulaire d’accueil, la file dont les horaires et les conseillers décident s’il est en ligne, et les origines autorisées à l’intégrer.',
    new: 'Nouveau site de chat',
    embed: 'Balise pour les pages du site',
    categories: 'Catégories proposées',
    categoriesHint: 'Aucune cochée : le formulaire ne demande pas de catégorie.',
    queue: 'File',
    queueHint:
      'Le chat est en ligne tant que cette file est ouverte et qu’un de ses conseillers qui prend des chats est Disponible.',
    offlineOffer: 'Hors ligne, proposer de laisser un message ou d’être rappelé',
    offlineHint: 'Décoché, les visiteurs discutent quand même et attendent dans la file.',
    origins: 'Origines autorisées',
    originsHint:
      'Une par ligne, comme https://boutique.example. Les pages de ces origines peuvent utiliser le widget ; celles de Relais n’en ont pas besoin.',
    identity: 'Vérification d’identité',
    identityHint:
      'Le serveur du site signe l’e-mail de son client connecté : HMAC-SHA256 de l’e-mail avec le secret, en hexadécimal, dans data-relais-user-email et data-relais-user-hash.',
    regenerate: 'Régénérer le secret',
    regenerateConfirm:
      'Régénérer le secret ? Les pages signées avec l’ancien n’identifient plus leurs clients.',
    secretShown: (site: string) =>
      `Secret d’identité de « ${site} ». Copiez-le maintenant : il ne sera plus affiché.`,
    secretHint: 'Gardez-le sur le serveur du site uniquement, jamais dans une page.',
    summary: (queue: string, origins: number) =>
      `File ${queue} · ${origins === 0 ? 'aucune autre origine' : origins === 1 ? '1 origine' : `${origins} origines`}`,
  },
};
