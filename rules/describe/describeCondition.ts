import { findFact, type FactDefinition } from '../facts/catalogue';
import type { Lang } from '../model/channel';
import { type Condition, isLeaf, type LeafCondition } from '../model/conditions';
import { listInWords } from './labels';
import { minutesInWords } from './minutesInWords';

type Phrase = (values: string[], lang: Lang) => string;

const fr =
  (text: string): Phrase =>
  (values) =>
    `${text} ${listInWords(values, 'fr')}`;
const phrases: Record<string, { fr: Phrase; en: Phrase }> = {
  equal: { fr: fr('est'), en: (v) => `is ${v.join('')}` },
  notEqual: { fr: fr("n'est pas"), en: (v) => `is not ${v.join('')}` },
  in: { fr: (v) => `est ${orList(v, 'fr')}`, en: (v) => `is ${orList(v, 'en')}` },
  notIn: { fr: (v) => `n'est pas ${orList(v, 'fr')}`, en: (v) => `is not ${orList(v, 'en')}` },
  lessThan: { fr: fr('est inférieur à'), en: (v) => `is less than ${v.join('')}` },
  lessThanInclusive: { fr: fr('est au plus'), en: (v) => `is at most ${v.join('')}` },
  greaterThan: { fr: fr('est supérieur à'), en: (v) => `is more than ${v.join('')}` },
  greaterThanInclusive: { fr: fr('est au moins'), en: (v) => `is at least ${v.join('')}` },
  between: {
    fr: (v) => `est entre ${v[0]} et ${v[1]}`,
    en: (v) => `is between ${v[0]} and ${v[1]}`,
  },
  containsAnyWord: {
    fr: (v) => `contient ${orList(v, 'fr')}`,
    en: (v) => `contains ${orList(v, 'en')}`,
  },
  matchesPattern: {
    fr: fr("correspond à l'expression"),
    en: (v) => `matches the pattern ${v.join('')}`,
  },
  withinLast: {
    fr: (v) => `date de moins de ${v.join('')}`,
    en: (v) => `is within the last ${v.join('')}`,
  },
  olderThan: {
    fr: (v) => `date de plus de ${v.join('')}`,
    en: (v) => `is more than ${v.join('')} ago`,
  },
  inBusinessHours: {
    fr: (v) => `est dans les heures ouvrées du calendrier ${v.join('')}`,
    en: (v) => `is within business hours of calendar ${v.join('')}`,
  },
};

function orList(values: string[], lang: Lang): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} ${lang === 'fr' ? 'ou' : 'or'} ${values.at(-1)}`;
}

/** A condition in words: "canal est Chat et (colère est au moins 0.5 ou …)". */
export function describeCondition(condition: Condition, lang: Lang, nested = false): string {
  if (isLeaf(condition)) return describeLeaf(condition, lang);
  if ('not' in condition) {
    return `${lang === 'fr' ? 'non' : 'not'} (${describeCondition(condition.not, lang)})`;
  }
  const [children, joiner] =
    'all' in condition
      ? [condition.all, lang === 'fr' ? ' et ' : ' and ']
      : [condition.any, lang === 'fr' ? ' ou ' : ' or '];
  const text = children.map((child) => describeCondition(child, lang, true)).join(joiner);
  return nested && children.length > 1 ? `(${text})` : text;
}

function describeLeaf(leaf: LeafCondition, lang: Lang): string {
  const fact = findFact(leaf.fact);
  const subject = fact ? lowerFirst(fact.labels[lang]) : leaf.fact;
  const values = (Array.isArray(leaf.value) ? leaf.value : [leaf.value]).map((v) =>
    valueInWords(v, fact, leaf.operator, lang),
  );
  const phrase = phrases[leaf.operator];
  return phrase
    ? `${subject} ${phrase[lang](values, lang)}`
    : `${subject} ${leaf.operator} ${values.join(', ')}`;
}

function valueInWords(
  value: unknown,
  fact: FactDefinition | undefined,
  operator: string,
  lang: Lang,
): string {
  if (value === null) return lang === 'fr' ? 'vide' : 'empty';
  if (typeof value === 'boolean')
    return value === true ? (lang === 'fr' ? 'oui' : 'yes') : lang === 'fr' ? 'non' : 'no';
  if (typeof value === 'number') {
    return operator === 'withinLast' || operator === 'olderThan' || fact?.type === 'duration'
      ? minutesInWords(value, lang)
      : String(value);
  }
  const label = fact?.values?.find((v) => v.value === value)?.labels[lang];
  if (label) return label;
  if (operator === 'matchesPattern') return `/${String(value)}/`;
  return lang === 'fr' ? `« ${String(value)} »` : `"${String(value)}"`;
}

function lowerFirst(text: string): string {
  // Keep acronyms such as "CSAT" or "SMS" as they are.
  return /^\p{Lu}\p{Ll}/u.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
