import { defaultQueueRouting } from '../../workflows/contracts/routing';
import type { QueueDoc } from '../store/catalogue/queues';
import type { SkillDoc } from '../store/catalogue/skills';

/** A queue with the contract's default routing settings, changed where `routing` says. */
function queue(
  id: string,
  labels: QueueDoc['labels'],
  description: string,
  routing: Partial<Omit<QueueDoc, '_id' | 'labels' | 'description'>> = {},
): QueueDoc {
  const { queueId: _id, ...defaults } = defaultQueueRouting(id);
  return { _id: id, labels, description, calendarId: null, ...defaults, ...routing };
}

/** The queues the default rule set routes and escalates to, each routed as such work is. */
export const demoQueues: QueueDoc[] = [
  queue('general', { fr: 'Accueil', en: 'General' }, 'Everything no other rule routes.'),
  queue(
    'billing',
    { fr: 'Facturation', en: 'Billing' },
    'Invoices, payments, refunds, double charges.',
    { relaxation: { lowerLevelsAfterSeconds: 180, levelDrop: 1, dropOptionalAfterSeconds: 600 } },
  ),
  queue('sales', { fr: 'Ventes', en: 'Sales' }, 'Quotes and commercial questions.', {
    policy: 'most-free-capacity',
    agingMinutes: 15,
  }),
  queue('logistics', { fr: 'Logistique', en: 'Logistics' }, 'Deliveries, parcels, returns.', {
    autoAccept: true,
  }),
  queue('b2b-desk', { fr: 'Desk entreprises', en: 'Business desk' }, 'Business customers.', {
    offerTimeoutSeconds: 30,
    allowPull: false,
  }),
  queue(
    'escalations',
    { fr: 'Escalades', en: 'Escalations' },
    'Breached promises moved here by the escalation ladder.',
    {
      offerTimeoutSeconds: 30,
      agingMinutes: 5,
      awayAfterMissedOffers: 2,
      relaxation: { lowerLevelsAfterSeconds: 60, levelDrop: 2, dropOptionalAfterSeconds: 120 },
      // An escalation ends with a report to write before the next one.
      wrapUpSeconds: 60,
    },
  ),
];

/** The four the default rule set asks for (one per queue it routes to), and four more. */
export const demoSkills: SkillDoc[] = [
  { _id: 'billing', labels: { fr: 'Facturation', en: 'Billing' } },
  { _id: 'refunds', labels: { fr: 'Remboursements', en: 'Refunds' } },
  { _id: 'sales', labels: { fr: 'Vente', en: 'Sales' } },
  { _id: 'logistics', labels: { fr: 'Logistique', en: 'Logistics' } },
  { _id: 'b2b-desk', labels: { fr: 'Comptes entreprises', en: 'Business accounts' } },
  { _id: 'technical', labels: { fr: 'Support technique', en: 'Technical support' } },
  { _id: 'complaints', labels: { fr: 'Réclamations', en: 'Complaints' } },
  { _id: 'vip', labels: { fr: 'Clients VIP', en: 'VIP customers' } },
];
