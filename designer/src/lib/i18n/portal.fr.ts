import type { portalEn } from './portal.en';

/** Texte français des pages des clients : le formulaire web et la page de suivi (fusionné dans fr.ts). */
export const portalFr: typeof portalEn = {
  portal: {
    categories: {
      title: 'Catégories de contact',
      intro:
        'Ce que les clients choisissent sur le formulaire web (/contact), et les champs que chacune demande. L’identifiant est la catégorie que voient les règles.',
      new: 'Nouvelle catégorie',
      fieldCount: (n: number) => (n === 0 ? 'aucun champ' : n === 1 ? '1 champ' : `${n} champs`),
      fields: 'Champs demandés par le formulaire',
      fieldsHint:
        'Videz l’identifiant d’un champ pour le retirer ; remplissez une ligne vide pour en ajouter un.',
      fieldId: 'Identifiant du champ',
      fieldFr: 'Libellé (français)',
      fieldEn: 'Libellé (anglais)',
      required: 'Obligatoire',
    },
    contact: {
      title: 'Nous contacter',
      intro:
        'Dites-nous de quoi il s’agit : nous répondons à chaque demande, et vous disons quand.',
      category: 'Votre demande concerne',
      chooseCategory: 'Choisissez…',
      name: 'Votre nom',
      email: 'Votre e-mail',
      subject: 'Objet',
      message: 'Votre message',
      optional: '(facultatif)',
      send: 'Envoyer',
      honeypot: 'Laissez ce champ vide',
      fix: 'Vérifiez les champs signalés ci-dessous.',
      refused: 'Votre message n’a pas pu être envoyé.',
      throttled: (minutes: number) =>
        `Trop de messages depuis votre connexion : réessayez dans ${minutes} min.`,
      unavailable:
        'Nous ne pouvons pas prendre votre message pour l’instant : réessayez dans un moment.',
      errors: {
        required: 'Obligatoire',
        email: 'Saisissez une adresse e-mail comme nom@exemple.fr',
        tooLong: 'Trop long',
        category: 'Choisissez une catégorie de la liste',
      } as Record<string, string>,
    },
    sent: {
      title: 'Message reçu',
      thanks: 'Merci, nous avons bien reçu votre demande.',
      reference: (ref: string) => `Référence ${ref}`,
      mail: 'Un e-mail vous le confirme, avec un lien pour suivre votre demande et nous répondre.',
      follow: 'Suivre ma demande',
      another: 'Envoyer un autre message',
    },
    status: {
      title: (ref: string) => `Votre demande ${ref}`,
      state: 'Où en est-elle :',
      states: {
        new: 'Reçue',
        acknowledged: 'Reçue, en attente d’un conseiller',
        queued: 'Reçue, en attente d’un conseiller',
        assigned: 'Un conseiller s’en occupe',
        'waiting-on-customer': 'En attente de votre réponse',
        resolved: 'Répondue',
        surveying: 'Répondue',
        closed: 'Clôturée',
        reopened: 'Rouverte, en attente d’un conseiller',
      } as Record<string, string>,
      answered: (when: string) => `Nous vous avons répondu le ${when}.`,
      thread: 'Messages',
      you: 'Vous',
      us: 'Service client',
      noMessages: 'Pas encore de message.',
      reply: 'Répondre',
      replyLabel: 'Votre message',
      send: 'Envoyer',
      replied: 'Votre message a été ajouté à votre demande.',
      replyMissing: 'Écrivez d’abord votre message.',
      replyTooLong: 'Votre message est trop long.',
      unavailable:
        'Nous ne pouvons pas prendre votre message pour l’instant : réessayez dans un moment.',
      survey: {
        csat: 'Êtes-vous satisfait de notre réponse ?',
        nps: 'Recommanderiez-vous notre service à un proche ?',
        low: { csat: 'Pas du tout', nps: 'Pas du tout probable' } as Record<string, string>,
        high: { csat: 'Très satisfait', nps: 'Très probable' } as Record<string, string>,
        score: (n: number, max: number) => `${n} sur ${max}`,
        thanks: (n: number, max: number) => `Merci pour votre note : ${n} sur ${max}.`,
      },
      forbiddenTitle: 'Ce lien n’ouvre pas votre demande',
      expired:
        'Ce lien a expiré. Notre dernier e-mail en contient un nouveau ; vous pouvez aussi y répondre.',
      tampered:
        'Ce lien est incomplet ou a été modifié. Ouvrez-le à nouveau depuis l’e-mail que nous vous avons envoyé.',
      unknown: 'Nous ne trouvons pas cette demande.',
    },
  },
};
