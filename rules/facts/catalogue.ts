import { z } from 'zod';
import { channels, LangSchema, SegmentSchema, TierSchema } from '../model/channel';
import type { Facts } from '../model/facts';
import { LocalizedTextSchema } from '../model/localized';

export const FactTypeSchema = z.enum([
  'enum',
  'string',
  'text',
  'number',
  'boolean',
  'duration',
  'datetime',
]);
export type FactType = z.infer<typeof FactTypeSchema>;

export const FactDefinitionSchema = z.object({
  name: z.string().min(1),
  type: FactTypeSchema,
  labels: LocalizedTextSchema,
  /** For enums: every allowed value with its labels, in display order. */
  values: z.array(z.object({ value: z.string(), labels: LocalizedTextSchema })).optional(),
  /** Null is a meaningful value ("no previous channel", "never answered a survey"). */
  nullable: z.boolean(),
  /** Bounds for numbers, so the designer can offer sliders and the checks can catch typos. */
  min: z.number().optional(),
  max: z.number().optional(),
});
export type FactDefinition = z.infer<typeof FactDefinitionSchema>;
export type FactName = keyof Facts;

/** Labels keyed by the zod enum's own values, so a new channel or tier must be labelled here. */
const enumValues = <T extends string>(options: readonly T[], labels: Record<T, [string, string]>) =>
  options.map((value) => ({ value, labels: { fr: labels[value][0], en: labels[value][1] } }));

const channelValues = enumValues(channels, {
  phone: ['Téléphone', 'Phone'],
  email: ['E-mail', 'Email'],
  chat: ['Chat', 'Chat'],
  social: ['Réseau social', 'Social network'],
  webform: ['Formulaire web', 'Web form'],
  sms: ['SMS', 'SMS'],
  whatsapp: ['WhatsApp', 'WhatsApp'],
  messenger: ['Messenger', 'Messenger'],
  mail: ['Courrier', 'Postal mail'],
  video: ['Visio', 'Video'],
  'click-to-call': ['Clic pour appeler', 'Click-to-call'],
  chatbot: ['Chatbot', 'Chatbot'],
  callback: ['Demande de rappel', 'Callback request'],
  portal: ['Page de suivi', 'Status page'],
});

const fact = (
  name: FactName,
  type: FactType,
  fr: string,
  en: string,
  extra: Partial<Omit<FactDefinition, 'name' | 'type' | 'labels'>> = {},
): FactDefinition => ({ name, type, labels: { fr, en }, nullable: false, ...extra });

/**
 * Everything a rule may test. The designer builds its widgets from this list and the static
 * checks validate conditions against it; it covers every key of FactsSchema.
 */
export const factCatalogue: readonly FactDefinition[] = [
  fact('channel', 'enum', 'Canal', 'Channel', { values: channelValues }),
  fact('previousChannel', 'enum', 'Canal précédent', 'Previous channel', {
    values: channelValues,
    nullable: true,
  }),
  fact('category', 'string', 'Catégorie (formulaire ou SVI)', 'Category (form or IVR)', {
    nullable: true,
  }),
  fact('subject', 'text', 'Objet', 'Subject'),
  fact('text', 'text', 'Texte du message', 'Message text'),
  fact('language', 'enum', 'Langue', 'Language', {
    values: enumValues(LangSchema.options, {
      fr: ['Français', 'French'],
      en: ['Anglais', 'English'],
    }),
  }),
  fact('customerTier', 'enum', 'Statut client', 'Customer tier', {
    values: enumValues(TierSchema.options, {
      standard: ['Standard', 'Standard'],
      premium: ['Premium', 'Premium'],
      vip: ['VIP', 'VIP'],
    }),
  }),
  fact('customerSegment', 'enum', 'Segment client', 'Customer segment', {
    values: enumValues(SegmentSchema.options, {
      B2C: ['Particulier (B2C)', 'Consumer (B2C)'],
      B2B: ['Entreprise (B2B)', 'Business (B2B)'],
    }),
  }),
  fact('openCases', 'number', 'Dossiers ouverts', 'Open cases', { min: 0 }),
  fact('contactsLast7Days', 'number', 'Contacts sur 7 jours', 'Contacts in the last 7 days', {
    min: 0,
  }),
  fact('lastCsat', 'number', 'Dernière satisfaction (CSAT)', 'Last CSAT', {
    nullable: true,
    min: 0,
    max: 10,
  }),
  fact('sentiment', 'number', 'Sentiment', 'Sentiment', { min: -1, max: 1 }),
  fact('angerScore', 'number', 'Score de colère', 'Anger score', { min: 0, max: 1 }),
  fact('withinBusinessHours', 'boolean', 'Pendant les heures ouvrées', 'Within business hours'),
  fact('channelSwitches', 'number', 'Changements de canal', 'Channel switches', { min: 0 }),
  fact('minutesWaiting', 'duration', 'Attente (minutes)', 'Minutes waiting', { min: 0 }),
  fact('callbackRequested', 'boolean', 'Rappel demandé', 'Callback requested'),
  fact('receivedAt', 'datetime', 'Reçu le', 'Received at'),
  fact('lastContactAt', 'datetime', 'Contact précédent le', 'Previous contact at', {
    nullable: true,
  }),
];

const byName = new Map(factCatalogue.map((definition) => [definition.name, definition]));

export function findFact(name: string): FactDefinition | undefined {
  return byName.get(name);
}
