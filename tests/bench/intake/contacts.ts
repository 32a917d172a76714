/** The inbound calls the bench sends: each from a new customer, as a first contact is. */

export interface Contact {
  channel: string;
  body: Record<string, unknown>;
}

/** An email about a bill: a 24 h promise, so no timer fires during the run. */
export function emailContact(run: string, n: number): Contact {
  return {
    channel: 'email',
    body: {
      messageId: `${run}-${n}`,
      lang: 'fr',
      customer: { email: `client.${run}.${n}@exemple.fr`, name: `Client ${n}` },
      subject: 'Erreur sur ma facture',
      text: 'Bonjour, ma facture de mars comporte deux fois les frais de livraison. Merci.',
      category: 'facturation',
    },
  };
}

/** A chat contact: the rules promise an answer within a minute, and nobody answers. */
export function chatContact(run: string, n: number): Contact {
  return {
    channel: 'chat',
    body: {
      messageId: `${run}-${n}`,
      lang: 'fr',
      customer: { email: `chat.${run}.${n}@exemple.fr`, name: `Client ${n}` },
      text: 'Bonjour, où en est ma commande ?',
    },
  };
}
