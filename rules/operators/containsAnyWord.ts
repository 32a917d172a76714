import { z } from 'zod';
import { PhraseMatcher } from '../text/PhraseMatcher';
import type { OperatorDefinition } from './operator';
import { parseValue } from './values';

/** Any of the words or phrases, on word boundaries, ignoring case and accents; `word*` is a prefix. */
export const containsAnyWord: OperatorDefinition = {
  name: 'containsAnyWord',
  labels: { fr: 'contient un des mots', en: 'contains any of the words' },
  factTypes: ['string', 'text'],
  input: 'value',
  compile(value, fact) {
    const phrases = parseValue(z.array(z.string().regex(/[\p{L}\p{N}]/u)).min(1), value, fact, {
      fr: 'une liste non vide de mots',
      en: 'a non-empty list of words',
    });
    const matcher = new PhraseMatcher(phrases);
    return (factValue) => typeof factValue === 'string' && matcher.matches(factValue);
  },
};
