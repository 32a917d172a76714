import type { Collection } from 'mongodb';
import { LadderPresetSchema, type LadderPreset, type MessageTemplate } from '$lib/presets';
import type { Relais } from './relais';

type Doc<T> = T & { _id: string };

function collection<T extends { id: string }>(relais: Relais, name: string): Collection<Doc<T>> {
  return relais.stores.users.col.db.collection<Doc<T>>(name);
}

async function list<T extends { id: string }>(
  relais: Relais,
  name: string,
  parse: (doc: unknown) => T | null,
): Promise<T[]> {
  const docs = await collection<T>(relais, name)
    .find({}, { projection: { _id: 0 } })
    .sort({ id: 1 })
    .toArray();
  return docs.flatMap((doc) => {
    const parsed = parse(doc);
    return parsed ? [parsed] : [];
  });
}

const ladders = 'designerLadders';

export const listLadders = (relais: Relais) =>
  list<LadderPreset>(relais, ladders, (d) => LadderPresetSchema.safeParse(d).data ?? null);

export const listTemplates = (relais: Relais) => relais.stores.templates.list();

export async function saveLadder(relais: Relais, ladder: LadderPreset): Promise<void> {
  await collection<LadderPreset>(relais, ladders).replaceOne(
    { _id: ladder.id },
    { ...ladder },
    { upsert: true },
  );
}

export const saveTemplate = (relais: Relais, template: MessageTemplate) =>
  relais.stores.templates.save(template);

export async function deleteLadder(relais: Relais, id: string): Promise<void> {
  await collection<LadderPreset>(relais, ladders).deleteOne({ _id: id });
}

export const deleteTemplate = (relais: Relais, id: string) => relais.stores.templates.remove(id);
