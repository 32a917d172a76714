import type { ChatWords } from './chat.en';

/** Texte français du widget de chat et de sa page de démonstration (autonome, comme chat.en.ts). */
export const chatFr: ChatWords = {
  launcher: 'Discuter avec nous',
  close: 'Fermer la discussion',
  title: 'Discussion en direct',
  intro: 'Dites-nous qui vous êtes, puis écrivez-nous : un conseiller vous répond ici.',
  name: 'Votre nom',
  email: 'Votre e-mail',
  category: 'Votre demande concerne',
  optional: '(facultatif)',
  noCategory: 'Autre chose',
  start: 'Commencer la discussion',
  message: 'Votre message',
  send: 'Envoyer',
  attach: 'Envoyer un fichier',
  you: 'Vous',
  us: 'Support',
  conversation: 'Conversation',
  sending: 'Envoi…',
  waiting: 'Un conseiller va vous rejoindre.',
  joined: 'Un conseiller est avec vous.',
  agentTyping: (name: string) => `${name} écrit…`,
  transcript: 'Recevoir cette discussion par e-mail',
  transcriptSent: 'La discussion part vers votre adresse e-mail.',
  transcriptLimit: 'Vous avez déjà demandé plusieurs copies : réessayez plus tard.',
  queue: (position: number, waitMinutes: number | null) => {
    const place = `Vous êtes ${position === 1 ? '1er' : `${position}e`}`;
    return waitMinutes === null ? place : `${place} — attente estimée ${waitMinutes} min`;
  },
  surveyQuestion: 'Êtes-vous satisfait de notre réponse ?',
  scoreLabel: (score: number) => `${score} sur 5`,
  scoreThanks: (score: number) => `Merci pour votre note : ${score} sur 5.`,
  fileLine: (name: string) => `Fichier : ${name}`,
  fileTooLargeAt: (mb: number) => `Ce fichier est trop lourd : ${mb} Mo au plus.`,
  loading: 'Chargement…',
  offline: {
    intro:
      'Aucun conseiller ne peut discuter pour le moment. Laissez-nous un message, ou demandez à être rappelé.',
    choice: 'Comment vous répondre ?',
    message: 'Laisser un message',
    callback: 'Être rappelé',
    phone: 'Votre numéro de téléphone',
    when: 'Quand vous rappeler ?',
    whenHint: 'Par exemple « après 18:00 » ; vide : dès que possible.',
    sendMessage: 'Envoyer le message',
    sendCallback: 'Rappelez-moi',
    messageReceived: (ref: string) =>
      `Message reçu, référence ${ref}. Nous vous répondons par e-mail.`,
    callbackReceived: (ref: string) => `Demande de rappel reçue, référence ${ref}.`,
  },
  errors: {
    fileTooLarge: 'Ce fichier est trop lourd pour être envoyé.',
    fileType:
      'Ce type de fichier ne peut pas être envoyé ici : envoyez une image, un PDF ou un document.',
    noSurvey: 'Ce questionnaire est clos.',
    required: 'Obligatoire',
    email: 'Saisissez une adresse e-mail comme nom@exemple.fr',
    tooLong: 'Trop long',
    throttled: 'Trop de messages : patientez un instant.',
    unavailable:
      'Nous ne pouvons pas prendre votre message pour le moment : réessayez dans un instant.',
    expired: 'Votre discussion est terminée : commencez-en une nouvelle.',
    unknownSite:
      'Cette discussion n’est pas configurée : la page nomme un site de chat que Relais ne connaît pas.',
    phone: 'Saisissez un numéro de téléphone comme 06 12 34 56 78',
  },
  demo: {
    title: 'Boutique de démonstration',
    lead: 'Cette page tient lieu de votre site : le bouton de discussion en bas à droite est le widget Relais, ajouté avec une seule balise.',
    snippet: 'La balise',
    agents: 'Les conseillers répondent depuis le bureau, connectés à Relais :',
  },
};
