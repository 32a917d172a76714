import { randomUUID } from 'node:crypto';
import type { CustomerProfile, InboundMessage } from '../../workflows/contracts/messages';

export function customerProfile(over: Partial<CustomerProfile> = {}): CustomerProfile {
  return {
    customerId: randomUUID(),
    name: 'Claire Martin',
    email: 'claire.martin@exemple.fr',
    phone: null,
    handle: null,
    tier: 'standard',
    segment: 'B2C',
    lang: 'fr',
    timezone: 'Europe/Paris',
    smsOptIn: false,
    ...over,
  };
}

export function inboundMessage(over: Partial<InboundMessage> = {}): InboundMessage {
  return {
    messageId: randomUUID(),
    channel: 'webform',
    receivedAt: new Date().toISOString(),
    lang: 'fr',
    subject: 'Erreur sur ma facture',
    text: 'Ma facture de mars comporte deux fois les frais de livraison.',
    caseRef: null,
    category: 'facturation',
    callbackRequested: false,
    callbackAt: null,
    surveyScore: null,
    ...over,
  };
}
