import type { mailEn } from './mail.en';

/** Texte français des pages du courrier : boîte de dév. et courrier reçu (fusionné dans fr.ts). */
export const mailFr: typeof mailEn = {
  mail: {
    title: 'Courrier',
    intro:
      'Le courrier envoyé aux clients tant qu’aucun relais SMTP n’est configuré, retenu par la boîte locale, et le courrier reçu sur le port SMTP.',
    sent: 'Envoyé aux clients',
    sentEmpty:
      'Rien pour l’instant. Le courrier sortant arrive ici quand Relais tourne sans SMTP_URL (npm start).',
    received: 'Reçu',
    receivedEmpty:
      'Aucun courrier reçu. Envoyez-en un avec n’importe quel client de messagerie à localhost:2525.',
    from: 'De',
    to: 'À',
    subject: 'Objet',
    date: 'Date',
    status: 'État',
    noSubject: '(sans objet)',
    headers: 'En-têtes de fil',
    messageId: 'Message-ID',
    inReplyTo: 'In-Reply-To',
    references: 'References',
    body: 'Texte',
    fullText: 'Texte complet, historique cité compris',
    attachments: 'Pièces jointes',
    download: (name: string) => `Télécharger ${name}`,
    openCase: (ref: string) => `Dossier ${ref}`,
    statuses: {
      received: 'En cours de prise en charge',
      delivered: 'Dans un dossier',
      automatic: 'Automatique, sans réponse',
      refused: 'Refusé',
    },
    automaticReasons: {
      'auto-submitted': 'en-tête Auto-Submitted',
      precedence: 'envoi en nombre ou liste',
      'autoreply-header': 'en-tête de réponse automatique',
      'mailer-daemon': 'envoyé par un serveur de messagerie',
      'null-sender': 'avis de non-remise',
    },
    refusals: {
      'too-large': 'refusée : trop grande',
      'type-not-allowed': 'refusée : type non admis',
    },
  },
};
