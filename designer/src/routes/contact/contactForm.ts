import { z } from 'zod';
import type { CategoryDoc } from '../../../../worker/store/catalogue/categories';

/** The hidden field people never see and bots fill in. */
export const honeypotField = 'website';

/** A category's own fields are posted as `field-<id>`. */
export const categoryFieldName = (id: string) => `field-${id}`;

/** The message part left once the category's fields head the text (inbound allows 20,000). */
const maxMessage = 15_000;

const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'tooLong');

/**
 * The web form as posted, for the categories of the catalogue: issues carry codes the page words
 * (required, email, tooLong, category) on the field they name.
 */
export function contactFormSchema(categories: readonly CategoryDoc[]) {
  return z
    .object({
      category: z.string().refine((id) => categories.some((c) => c._id === id), 'category'),
      name: z.string().trim().max(200, 'tooLong'),
      email: z.string().trim().min(1, 'required').pipe(z.email('email').max(254, 'tooLong')),
      subject: text(300),
      message: text(maxMessage),
      fields: z.record(z.string(), z.string().trim().max(500, 'tooLong')),
    })
    .superRefine((form, ctx) => {
      const category = categories.find((c) => c._id === form.category);
      for (const field of category?.fields ?? [])
        if (field.required && !form.fields[field.id])
          ctx.addIssue({
            code: 'custom',
            path: [categoryFieldName(field.id)],
            message: 'required',
          });
    });
}
export type ContactForm = z.infer<ReturnType<typeof contactFormSchema>>;

/** What was typed, by field name, to put back in the form after an error. */
export function typedValues(form: FormData): Record<string, string> {
  return Object.fromEntries(
    [...form.entries()].filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[0] !== honeypotField,
    ),
  );
}

/** The form's values in the shape the schema reads. */
export function contactInput(values: Record<string, string>) {
  const prefix = categoryFieldName('');
  return {
    category: values.category ?? '',
    name: values.name ?? '',
    email: values.email ?? '',
    subject: values.subject ?? '',
    message: values.message ?? '',
    fields: Object.fromEntries(
      Object.entries(values)
        .filter(([k]) => k.startsWith(prefix))
        .map(([k, v]) => [k.slice(prefix.length), v]),
    ),
  };
}

/** Field name to error code, the first per field; a category field's issue keeps its name. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const [head, key] = issue.path.map(String);
    const name = head === 'fields' && key ? categoryFieldName(key) : (head ?? 'form');
    errors[name] ??= issue.message;
  }
  return errors;
}

/** The message as agents read it: the category's fields first, in the customer's language. */
export function messageText(form: ContactForm, category: CategoryDoc, lang: 'fr' | 'en'): string {
  const lines = category.fields
    .filter((f) => form.fields[f.id])
    .map((f) => `${f.labels[lang]}${lang === 'fr' ? ' : ' : ': '}${form.fields[f.id]}`);
  return lines.length > 0 ? `${lines.join('\n')}\n\n${form.message}` : form.message;
}
