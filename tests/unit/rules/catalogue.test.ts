import { describe, expect, it } from 'vitest';
import { factCatalogue, FactDefinitionSchema, findFact } from '../../../rules/facts/catalogue';
import { channels } from '../../../rules/model/channel';
import { FactsSchema } from '../../../rules/model/facts';

describe('fact catalogue', () => {
  it('covers every key of FactsSchema exactly once', () => {
    expect(factCatalogue.map((f) => f.name).sort()).toEqual(Object.keys(FactsSchema.shape).sort());
  });

  it('labels every fact and enum value in French and English', () => {
    for (const fact of factCatalogue) {
      expect(FactDefinitionSchema.parse(fact)).toEqual(fact);
      expect(fact.labels.fr && fact.labels.en).toBeTruthy();
      expect(fact.type === 'enum').toBe(fact.values !== undefined);
      for (const value of fact.values ?? [])
        expect(value.labels.fr && value.labels.en).toBeTruthy();
    }
  });

  it('matches the schema on enums and nullability', () => {
    expect(findFact('channel')?.values?.map((v) => v.value)).toEqual([...channels]);
    for (const fact of factCatalogue) {
      const field = FactsSchema.shape[fact.name as keyof typeof FactsSchema.shape];
      expect(field.safeParse(null).success, fact.name).toBe(fact.nullable);
    }
  });
});
