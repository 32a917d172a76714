import { describe, expect, it } from 'vitest';
import {
  fillPlaceholders,
  macroPlaceholders,
  templatePlaceholders,
  unknownPlaceholders,
} from '../../../workflows/lib/placeholders';

describe('unknown placeholders', () => {
  it('accepts every placeholder that templates fill', () => {
    expect(
      unknownPlaceholders(
        'Bonjour {name}, sous {promise} ({due}), réf. {ref}.',
        templatePlaceholders,
      ),
    ).toEqual([]);
  });

  it('names each unknown placeholder once, in order', () => {
    expect(
      unknownPlaceholders('{unknownVar} {name} {other} {unknownVar}', templatePlaceholders),
    ).toEqual(['unknownVar', 'other']);
  });

  it('knows the agent in a canned reply but not in a template', () => {
    expect(unknownPlaceholders('Cordialement, {agent}', macroPlaceholders)).toEqual([]);
    expect(unknownPlaceholders('Cordialement, {agent}', templatePlaceholders)).toEqual(['agent']);
  });

  it('leaves plain braces alone', () => {
    expect(unknownPlaceholders('{ } {} {a-b}', templatePlaceholders)).toEqual([]);
  });
});

describe('filling placeholders', () => {
  it('fills the known ones and leaves the others as written', () => {
    expect(
      fillPlaceholders('Bonjour {name}, dossier {ref}. {agent} {constructor} {x}', {
        name: 'Chloé',
        ref: '4F2A9C1E',
        agent: 'Ana',
      }),
    ).toBe('Bonjour Chloé, dossier 4F2A9C1E. Ana {constructor} {x}');
  });
});
