import type { Collection } from 'mongodb';
import {
  LadderPresetSchema,
  MessageTemplateSchema,
  type LadderPreset,
  type MessageTemplate,
} from '$lib/presets';
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
const templates = 'designerTemplates';

export const listLadders = (relais: Relais) =>
  list<LadderPreset>(relais, ladders, (d) => LadderPresetSchema.safeParse(d).data ?? null);

export const listTemplates = (relais: Relais) =>
  list<MessageTemplate>(relais, templates, (d) => MessageTemplateSchema.safeParse(d).data ?? null);

export async function saveLadder(relais: Relais, ladder: LadderPreset): Promise<void> {
  await collection<LadderPreset>(relais, ladders).replaceOne(
    { _id: ladder.id },
    { ...ladder },
    { upsert: true },
  );
}

export async function saveTemplate(relais: Relais, template: MessageTemplate): Promise<void> {
  await collection<MessageTemplate>(relais, templates).replaceOne(
    { _id: template.id },
    { ...template },
    { upsert: true },
  );
}

export async function deleteLadder(relais: Relais, id: string): Promise<void> {
  await collection<LadderPreset>(relais, ladders).deleteOne({ _id: id });
}

export async function deleteTemplate(relais: Relais, id: string): Promise<void> {
  await collection<MessageTemplate>(relais, templates).deleteOne({ _id: id });
}
