/**
 * English text of the chat widget and its demo page. Standalone (the widget bundle is built
 * apart from the designer and carries only these words).
 */
export const chatEn = {
  launcher: 'Chat with us',
  close: 'Close the chat',
  title: 'Live chat',
  intro: 'Tell us who you are, then write to us: an agent answers here.',
  name: 'Your name',
  email: 'Your email',
  category: 'Your request is about',
  optional: '(optional)',
  noCategory: 'Something else',
  start: 'Start the chat',
  message: 'Your message',
  send: 'Send',
  attach: 'Send a file',
  you: 'You',
  us: 'Support',
  conversation: 'Conversation',
  sending: 'Sending…',
  waiting: 'An agent will join you shortly.',
  joined: 'An agent is with you.',
  agentTyping: (name: string) => `${name} is typing…`,
  transcript: 'Email me this chat',
  transcriptSent: 'The conversation is on its way to your email.',
  transcriptLimit: 'You have asked for several copies already: try again later.',
  queue: (position: number, waitMinutes: number | null) => {
    const ordinal = new Intl.PluralRules('en', { type: 'ordinal' }).select(position);
    const suffix = { one: 'st', two: 'nd', few: 'rd', other: 'th', zero: 'th', many: 'th' }[
      ordinal
    ];
    const place = `You are ${position}${suffix} in line`;
    return waitMinutes === null ? place : `${place} — estimated wait ${waitMinutes} min`;
  },
  surveyQuestion: 'How satisfied are you with our answer?',
  scoreLabel: (score: number) => `${score} out of 5`,
  scoreThanks: (score: number) => `Thank you for your score: ${score} out of 5.`,
  fileLine: (name: string) => `File: ${name}`,
  fileTooLargeAt: (mb: number) => `This file is too large: ${mb} MB at most.`,
  loading: 'Loading…',
  offline: {
    intro: 'No agent can chat right now. Leave us a message, or ask us to call you back.',
    choice: 'How should we answer?',
    message: 'Leave a message',
    callback: 'Request a callback',
    phone: 'Your phone number',
    when: 'When should we call?',
    whenHint: 'For example “after 18:00”; empty: as soon as possible.',
    sendMessage: 'Send the message',
    sendCallback: 'Call me back',
    messageReceived: (ref: string) => `Message received, reference ${ref}. We answer by email.`,
    callbackReceived: (ref: string) => `Callback request received, reference ${ref}.`,
  },
  errors: {
    fileTooLarge: 'This file is too large to send.',
    fileType: 'This kind of file cannot be sent here: send a picture, a PDF or a document.',
    noSurvey: 'This survey is closed.',
    required: 'Required',
    email: 'Enter an email address such as name@example.com',
    tooLong: 'Too long',
    throttled: 'Too many messages: please wait a moment.',
    unavailable: 'We cannot take your message right now: please try again in a moment.',
    expired: 'Your chat has ended: start a new one.',
    unknownSite: 'This chat is not set up: the page names a chat site Relais does not know.',
    phone: 'Enter a phone number such as +33 6 12 34 56 78',
  } as Record<string, string>,
  demo: {
    title: 'Demo shop',
    lead: 'This page stands for your website: the chat button at the bottom right is the Relais widget, added with one tag.',
    snippet: 'The tag',
    agents: 'Agents answer from the desk, signed in on Relais:',
  },
};
export type ChatWords = typeof chatEn;
