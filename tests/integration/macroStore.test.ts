import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Macro } from '../../worker/store/macros';
import { UnknownPlaceholderError } from '../../worker/store/placeholderRefusal';
import { freshDatabase } from '../support/relaisWorker';

const macro = (body: string): Macro => ({
  id: randomUUID(),
  name: 'Colis en retard',
  lang: 'fr',
  body,
  actions: { transferTo: 'logistique', askCustomer: true, tag: 'retard' },
});

describe('canned replies and templates in MongoDB', () => {
  it('stores a macro, reads it back, edits and removes it', async () => {
    const { mongo, stores } = await freshDatabase();
    try {
      const saved = await stores.macros.save(macro('Bonjour {name}, dossier {ref}. {agent}'));
      expect(await stores.macros.get(saved.id)).toEqual(saved);
      await stores.macros.save({ ...saved, body: 'Sous {promise}, avant {due}.' });
      expect((await stores.macros.list()).map((m) => m.body)).toEqual([
        'Sous {promise}, avant {due}.',
      ]);
      await stores.macros.remove(saved.id);
      expect(await stores.macros.get(saved.id)).toBeNull();
    } finally {
      await mongo.close();
    }
  });

  it('reads a macro saved before tags as one that sets none', async () => {
    const { mongo, stores } = await freshDatabase();
    try {
      const { actions, ...rest } = macro('Bonjour {name}.');
      const before = { ...rest, actions: { transferTo: actions.transferTo, askCustomer: false } };
      await stores.macros.col.insertOne({ _id: before.id, ...before } as never);
      expect((await stores.macros.get(before.id))?.actions).toEqual({
        transferTo: 'logistique',
        askCustomer: false,
        tag: null,
      });
    } finally {
      await mongo.close();
    }
  });

  it('refuses a macro or a template with an unknown placeholder, writing nothing', async () => {
    const { mongo, stores } = await freshDatabase();
    try {
      const bad = macro('Bonjour {name}, votre {unknownVar}');
      const refusal = await stores.macros.save(bad).catch((err: unknown) => err);
      expect(refusal).toBeInstanceOf(UnknownPlaceholderError);
      expect((refusal as UnknownPlaceholderError).placeholders).toEqual(['unknownVar']);
      expect(await stores.macros.get(bad.id)).toBeNull();

      const template = {
        id: 'ack-typo',
        name: 'Accusé',
        variants: [
          { channel: 'any' as const, lang: 'fr' as const, text: 'Bonjour {nom}, réf. {ref}' },
          { channel: 'any' as const, lang: 'en' as const, text: 'Hello {name}, {agent}' },
        ],
      };
      const refused = await stores.templates.save(template).catch((err: unknown) => err);
      expect((refused as UnknownPlaceholderError).placeholders).toEqual(['nom', 'agent']);
      expect(await stores.templates.get('ack-typo')).toBeNull();
    } finally {
      await mongo.close();
    }
  });
});
