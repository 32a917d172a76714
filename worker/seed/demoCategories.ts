import type { CategoryDoc } from '../store/catalogue/categories';

const orderNumber = {
  id: 'order-number',
  labels: { fr: 'Numéro de commande', en: 'Order number' },
  required: true,
};

/** The web form's categories, named as the default rule set matches them. */
export const demoCategories: CategoryDoc[] = [
  {
    _id: 'facturation',
    labels: { fr: 'Facturation', en: 'Billing' },
    fields: [
      {
        id: 'invoice-number',
        labels: { fr: 'Numéro de facture', en: 'Invoice number' },
        required: false,
      },
    ],
  },
  { _id: 'livraison', labels: { fr: 'Livraison', en: 'Delivery' }, fields: [orderNumber] },
  {
    _id: 'suivi-commande',
    labels: { fr: 'Suivi de commande', en: 'Order tracking' },
    fields: [orderNumber],
  },
  {
    _id: 'devis',
    labels: { fr: 'Demande de devis', en: 'Quote request' },
    fields: [{ id: 'company', labels: { fr: 'Société', en: 'Company' }, required: true }],
  },
  { _id: 'autre', labels: { fr: 'Autre question', en: 'Other question' }, fields: [] },
];
