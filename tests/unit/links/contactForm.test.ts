import { describe, expect, it } from 'vitest';
import {
  contactFormSchema,
  contactInput,
  fieldErrors,
  messageText,
  typedValues,
} from '../../../designer/src/routes/contact/contactForm';
import { demoCategories } from '../../../worker/seed/demoCategories';

const schema = contactFormSchema(demoCategories);
const valid = {
  category: 'livraison',
  name: 'Claire Martin',
  email: 'claire@exemple.fr',
  subject: 'Colis abîmé',
  message: 'Le vase est cassé.',
  'field-order-number': '4471',
};
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};

describe('the web form', () => {
  it('reads a complete form, with the category’s fields heading the message', () => {
    const parsed = schema.parse(contactInput(typedValues(form(valid))));
    const category = demoCategories.find((c) => c._id === 'livraison')!;
    expect(messageText(parsed, category, 'fr')).toBe(
      'Numéro de commande : 4471\n\nLe vase est cassé.',
    );
    expect(messageText(parsed, category, 'en')).toBe('Order number: 4471\n\nLe vase est cassé.');
  });

  it('names each field at fault with a code the page words', () => {
    const result = schema.safeParse(
      contactInput({ ...valid, email: 'nope', message: ' ', 'field-order-number': '' }),
    );
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual({
      email: 'email',
      message: 'required',
      'field-order-number': 'required',
    });
    const unknown = schema.safeParse(contactInput({ ...valid, category: 'nope' }));
    expect(fieldErrors(unknown.error!)).toEqual({ category: 'category' });
    const long = schema.safeParse(contactInput({ ...valid, subject: 'x'.repeat(301) }));
    expect(fieldErrors(long.error!)).toEqual({ subject: 'tooLong' });
  });

  it('asks only what the category needs: an optional field may stay empty', () => {
    const ok = schema.safeParse(
      contactInput({ ...valid, category: 'facturation', 'field-order-number': '' }),
    );
    expect(ok.success).toBe(true);
  });

  it('never echoes the hidden trap field back into the form', () => {
    expect(typedValues(form({ ...valid, website: 'https://spam.example' }))).not.toHaveProperty(
      'website',
    );
  });
});
