import { getContext, setContext } from 'svelte';
import type { Issue } from '$rules/checks/issue';
import type { Calendar } from '$rules/model/calendar';
import type { CatalogueChoice } from '$lib/catalogue';
import type { LadderPreset, MessageTemplate } from '$lib/presets';

/** What every part of the rule editor needs to know, without passing it down each level. */
export interface EditorContext {
  readonly canEdit: boolean;
  readonly calendars: Calendar[];
  readonly ladders: LadderPreset[];
  readonly templates: MessageTemplate[];
  /** The catalogue's queues and skills, for the route output's pickers. */
  readonly queues: CatalogueChoice[];
  readonly skills: CatalogueChoice[];
  /** The static-check findings of one rule, live as the rule is edited. */
  issuesOf(ruleId: string): Issue[];
}

const key = Symbol('rule-editor');

export const setEditorContext = (context: EditorContext) => setContext(key, context);
export const editorContext = () => getContext<EditorContext>(key);

/** An id safe for HTML from a rule id and a condition path ("all[0].any[1]"). */
export const domId = (...parts: string[]) =>
  parts
    .filter(Boolean)
    .join('-')
    .replace(/[^A-Za-z0-9_-]+/g, '_');
