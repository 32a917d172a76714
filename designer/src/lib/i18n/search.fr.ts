import type { searchEn } from './search.en';

/** Texte français de la recherche et de la liste des clients (fusionné dans fr.ts). */
export const searchFr: typeof searchEn = {
  search: {
    label: 'Rechercher',
    placeholder: 'Nom, e-mail, téléphone, réf. dossier…',
    submit: 'Rechercher',
    title: 'Recherche',
    titleFor: (q: string) => `Recherche : ${q}`,
    hint: 'Un nom (ou son début), un e-mail, un numéro de téléphone écrit comme on veut, un @pseudo, une référence de dossier comme 4F2A9C1E, ou des mots de l’objet ou du premier message d’un dossier.',
    customers: 'Clients',
    cases: 'Dossiers',
    noCustomers: 'Aucun client ne correspond.',
    noCases: 'Aucun dossier ne correspond.',
    more: (n: number) =>
      `Les ${n} plus récents sont affichés : ajoutez un mot pour affiner la recherche.`,
    lastContact: 'Dernier contact',
    opened: 'Ouvert le',
    customer: 'Client',
    subject: 'Objet',
    status: 'État',
    noSubject: '(sans objet)',
  },
  customerList: {
    nav: 'Clients',
    title: 'Clients',
    intro: 'Tous les clients, les plus récemment en contact d’abord.',
    name: 'Client',
    email: 'E-mail',
    phone: 'Téléphone',
    handle: 'Pseudo',
    lastContact: 'Dernier contact',
    empty: 'Aucun client pour l’instant.',
    pageOf: (page: number, pages: number) => `Page ${page} sur ${pages}`,
    previous: '← Plus récents',
    next: 'Plus anciens →',
    paging: 'Pages de la liste des clients',
  },
};
