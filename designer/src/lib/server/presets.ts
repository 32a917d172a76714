import type { LadderPreset, MessageTemplate } from '$lib/presets';
import type { Relais } from './relais';

export const listLadders = (relais: Relais) => relais.stores.ladderPresets.list();

export const listTemplates = (relais: Relais) => relais.stores.templates.list();

export const saveLadder = (relais: Relais, ladder: LadderPreset) =>
  relais.stores.ladderPresets.save(ladder);

export const saveTemplate = (relais: Relais, template: MessageTemplate) =>
  relais.stores.templates.save(template);

export const deleteLadder = (relais: Relais, id: string) => relais.stores.ladderPresets.remove(id);

export const deleteTemplate = (relais: Relais, id: string) => relais.stores.templates.remove(id);
