import safeRegex from 'safe-regex2';
import { z } from 'zod';
import { RulesError } from '../errors';
import type { OperatorDefinition } from './operator';
import { parseValue } from './values';

/**
 * A regular expression, case-insensitive. Patterns come from a web form, so one that could
 * backtrack catastrophically (nested quantifiers such as `(a+)+`) is refused before it runs.
 */
export function compilePattern(pattern: string): RegExp {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'iu');
  } catch (error) {
    throw new RulesError('INVALID_REGEX', {
      fr: `Expression régulière invalide ${JSON.stringify(pattern)} : ${(error as Error).message}`,
      en: `Invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`,
    });
  }
  if (!safeRegex(regex)) {
    throw new RulesError('UNSAFE_REGEX', {
      fr: `Expression régulière dangereuse ${JSON.stringify(pattern)} : elle peut bloquer l'évaluation (quantificateurs imbriqués).`,
      en: `Unsafe regular expression ${JSON.stringify(pattern)}: it may backtrack catastrophically (nested quantifiers).`,
    });
  }
  return regex;
}

export const matchesPattern: OperatorDefinition = {
  name: 'matchesPattern',
  labels: { fr: "correspond à l'expression", en: 'matches the pattern' },
  factTypes: ['string', 'text'],
  input: 'value',
  compile(value, fact) {
    const pattern = parseValue(z.string().min(1), value, fact, {
      fr: 'une expression régulière',
      en: 'a regular expression',
    });
    const regex = compilePattern(pattern);
    return (factValue) => typeof factValue === 'string' && regex.test(factValue);
  },
};
