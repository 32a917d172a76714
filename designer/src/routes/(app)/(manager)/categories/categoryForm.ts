/** Rows of the fields table: the category's fields, then this many empty ones to add. */
export const spareFieldRows = 2;

const text = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
};

/**
 * The category form as a plain object for CategoryDocSchema to judge. Each field row posts
 * `field.<n>.id`, `.fr`, `.en` and `.required`; a row without an id is an unused one.
 */
export function readCategoryForm(form: FormData) {
  const rows = Number(text(form, 'fieldRows')) || 0;
  const fields = Array.from({ length: Math.min(rows, 20) }, (_, n) => ({
    id: text(form, `field.${n}.id`),
    labels: { fr: text(form, `field.${n}.fr`), en: text(form, `field.${n}.en`) },
    required: form.get(`field.${n}.required`) === 'on',
  })).filter((f) => f.id !== '');
  return {
    _id: text(form, 'id'),
    labels: { fr: text(form, 'labelFr'), en: text(form, 'labelEn') },
    fields,
  };
}
