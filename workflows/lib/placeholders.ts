/** What `fillTemplate` fills in a message template: customer name, promise, due time, case reference. */
export const templatePlaceholders = ['name', 'promise', 'due', 'ref'] as const;

/** A canned reply knows the agent answering, too. */
export const macroPlaceholders = [...templatePlaceholders, 'agent'] as const;

const placeholder = /\{(\w+)\}/g;

/**
 * The placeholders in `text` that nothing fills, each once, in the order they appear: saved as
 * they are, they would reach the customer as `{unknownVar}`.
 */
export function unknownPlaceholders(text: string, known: readonly string[]): string[] {
  const found = [...text.matchAll(placeholder)].map((m) => m[1]!);
  return [...new Set(found.filter((name) => !known.includes(name)))];
}

/** `text` with each known placeholder replaced by its value; others stay as written. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(placeholder, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name]! : whole,
  );
}
