import type { macrosEn } from './macros.en';

/** Texte français des réponses types, de leur sélecteur dans la réponse et du contrôle des variables. */
export const macrosFr: typeof macrosEn = {
  macros: {
    nav: 'Réponses types',
    title: 'Réponses types',
    intro:
      'Réponses que les agents insèrent en tapant / dans la réponse, puis modifient avant l’envoi. Variables : {name} (client), {ref} (référence du dossier), {promise} (l’engagement en toutes lettres), {due} (son échéance), {agent} (l’agent qui répond).',
    new: 'Nouvelle réponse type',
    empty: 'Aucune réponse type pour l’instant.',
    name: 'Nom',
    lang: 'Langue',
    body: 'Texte',
    actions: 'À l’envoi de la réponse, aussi',
    transferTo: 'Transférer à la file',
    noTransfer: 'Pas de transfert',
    askCustomer: 'Poser une question au client (le délai attend sa réponse)',
    tag: 'Étiqueter le dossier (vide : aucune étiquette)',
    saved: (name: string) => `Réponse type « ${name} » enregistrée.`,
    removed: (name: string) => `Réponse type « ${name} » supprimée.`,
    gone: 'Cette réponse type n’existe plus.',
    invalid: 'Vérifiez ces champs :',
    readOnly: 'Seuls les managers modifient les réponses types ; vous pouvez les consulter.',
    transfers: (queue: string) => `puis transfère à ${queue}`,
    asks: 'pose une question au client',
    tags: (tag: string) => `étiquette « ${tag} »`,
    picker: {
      button: 'Réponses types',
      search: 'Chercher une réponse type',
      hint: 'Tapez / dans la réponse pour en insérer une.',
      none: 'Aucune réponse type ne correspond.',
      failed: 'Les réponses types n’ont pas pu être chargées.',
    },
  },
  placeholders: {
    unknown: (names: string[], known: readonly string[]) =>
      `Variable${names.length > 1 ? 's' : ''} inconnue${names.length > 1 ? 's' : ''} ${names.map((n) => `{${n}}`).join(', ')} : utilisez seulement ${known.map((n) => `{${n}}`).join(', ')}.`,
  },
};
