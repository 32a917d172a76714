import type { RequestEvent } from '@sveltejs/kit';
import type { CatalogueCollection } from '$worker/store/catalogue/catalogueCollection';
import type { RemoveResult } from '$worker/store/catalogue/usage';
import type { Stores } from '$worker/store/stores';
import type { LocalizedText } from '$rules/model/localized';
import { requireRole } from './auth';
import { gone, idTaken, refusedChange, stillUsed, tellRouter } from './catalogue';
import { relais } from './relais';
import { actor } from './ruleSets';

type Entry = { _id: string; labels: LocalizedText };
type EntryStore<T extends Entry> = CatalogueCollection<T> & {
  remove(id: string, who: ReturnType<typeof actor>): Promise<RemoveResult>;
};

/**
 * The save and remove form actions of a catalogue page (queues, skills, teams): managers only,
 * a taken id said plainly, a refused removal naming its users, and the router told of changes
 * it routes by.
 */
export function catalogueActions<T extends Entry>(options: {
  store: (stores: Stores) => EntryStore<T>;
  read: (form: FormData) => { _id: string };
  routerReads: boolean;
}) {
  return {
    save: async (event: RequestEvent) => {
      const user = requireRole(event, ['manager']);
      const form = await event.request.formData();
      const input = options.read(form);
      const isNew = form.get('isNew') === 'true';
      const store = options.store((await relais()).stores);
      if (isNew && (await store.get(input._id))) return idTaken();
      try {
        const { doc, changed } = await store.save(input, actor(user), isNew);
        if (changed && options.routerReads) await tellRouter();
        return { saved: doc.labels, id: doc._id };
      } catch (err) {
        return refusedChange(err);
      }
    },
    remove: async (event: RequestEvent) => {
      const user = requireRole(event, ['manager']);
      const id = String((await event.request.formData()).get('id') ?? '');
      const store = options.store((await relais()).stores);
      const entry = await store.get(id);
      if (!entry) return gone();
      const result = await store.remove(id, actor(user));
      if (!result.ok) return stillUsed(entry.labels, result.usedBy);
      if (options.routerReads) await tellRouter();
      return { removed: entry.labels };
    },
  };
}
