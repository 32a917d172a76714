import { unknownPlaceholders } from '../../workflows/lib/placeholders';

/** A text names placeholders nothing fills; the designer words the code with their names. */
export class UnknownPlaceholderError extends Error {
  readonly code = 'UNKNOWN_PLACEHOLDER';

  constructor(readonly placeholders: string[]) {
    super(`unknown placeholder(s): ${placeholders.map((p) => `{${p}}`).join(', ')}`);
    this.name = 'UnknownPlaceholderError';
  }
}

/** Throws before anything is written when one of `texts` has a placeholder not in `known`. */
export function refuseUnknownPlaceholders(texts: string[], known: readonly string[]): void {
  const unknown = [...new Set(texts.flatMap((text) => unknownPlaceholders(text, known)))];
  if (unknown.length > 0) throw new UnknownPlaceholderError(unknown);
}
