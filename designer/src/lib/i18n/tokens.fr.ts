import type { tokensEn } from './tokens.en';

/** Texte français de la page des jetons d'API et du frein à la connexion (fusionné dans fr.ts). */
export const tokensFr: typeof tokensEn = {
  tokens: {
    title: 'Jetons d’API',
    intro:
      'Les connecteurs de canaux et autres programmes appellent l’API Relais avec un jeton : Authorization: Bearer <jeton>. Chaque jeton ne peut faire que ce que ses droits permettent.',
    createTitle: 'Nouveau jeton',
    name: 'Nom',
    namePlaceholder: 'ex. Connecteur formulaire web',
    scopes: 'Droits',
    scopeLabels: {
      'inbound:write': 'Déposer des messages entrants',
      'cases:read': 'Lire les dossiers',
      'tasks:read': 'Lire les listes de tâches',
      'customers:export': 'Exporter les données personnelles d’un client',
      'customers:erase': 'Effacer un client définitivement',
    },
    create: 'Créer le jeton',
    created: (name: string) =>
      `Jeton « ${name} » créé. Copiez-le maintenant : il ne sera plus affiché.`,
    copyHint: 'Rangez-le dans les secrets du connecteur ; Relais n’en garde qu’une empreinte.',
    listTitle: 'Jetons',
    none: 'Aucun jeton pour l’instant.',
    columns: {
      name: 'Nom',
      token: 'Commence par',
      scopes: 'Droits',
      created: 'Créé',
      status: 'État',
    },
    createdBy: (who: string) => `par ${who}`,
    active: 'Actif',
    revoked: (when: string, who: string) => `Révoqué ${when} par ${who}`,
    revoke: 'Révoquer',
    revokeConfirm: (name: string) =>
      `Révoquer « ${name} » ? Les programmes qui l’utilisent seront refusés aussitôt.`,
    revokedDone: (name: string) => `Jeton « ${name} » révoqué.`,
    auditTitle: 'Journal',
    auditCreated: (who: string, name: string) => `${who} a créé le jeton « ${name} »`,
    auditRevoked: (who: string, name: string) => `${who} a révoqué le jeton « ${name} »`,
    errors: {
      name: 'Donnez un nom au jeton (80 caractères au plus).',
      scopes: 'Choisissez au moins un droit.',
      notFound: 'Ce jeton n’existe pas ou est déjà révoqué.',
      managersOnly: 'Seuls les managers créent et révoquent les jetons d’API.',
    },
  },
  loginThrottle: {
    throttled: (minutes: number) =>
      `Trop de tentatives de connexion échouées. Réessayez dans ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  },
};
