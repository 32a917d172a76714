import { localize, type LocalizedText } from '$rules/model/localized';
import type { Lang } from '$rules/model/channel';

/** A queue, skill or team as a picker offers it: its id and its names. */
export interface CatalogueChoice {
  id: string;
  labels: LocalizedText;
}

/** An agent as the transfer and team pickers offer them: by name, never by id. */
export interface PersonChoice {
  id: string;
  name: string;
}

/** The entry's name in `lang`; the id itself only for an entry the catalogue no longer has. */
export function choiceLabel(choices: readonly CatalogueChoice[], id: string, lang: Lang): string {
  const found = choices.find((c) => c.id === id);
  return found ? localize(found.labels, lang) || id : id;
}
