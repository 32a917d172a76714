import type { AuditNames } from './auditNames';
import type { CatalogueDiff } from './catalogueAudit';

/** Field names as a manager reads them in the audit log. */
const fieldWords: Record<string, { fr: string; en: string }> = {
  'labels.fr': { fr: 'Libellé FR', en: 'French label' },
  'labels.en': { fr: 'Libellé EN', en: 'English label' },
  description: { fr: 'Description', en: 'Description' },
  calendarId: { fr: 'Calendrier', en: 'Calendar' },
  policy: { fr: 'Politique de distribution', en: 'Routing policy' },
  offerTimeoutSeconds: { fr: "Délai de l'offre (s)", en: 'Offer timeout (s)' },
  agingMinutes: { fr: 'Vieillissement (min)', en: 'Aging (min)' },
  autoAccept: { fr: 'Acceptation automatique', en: 'Auto-accept' },
  allowPull: { fr: 'Prise dans la liste', en: 'Pull from the list' },
  awayAfterMissedOffers: { fr: 'Absent après offres manquées', en: 'Away after missed offers' },
  wrapUpSeconds: { fr: 'Temps de clôture (s)', en: 'Wrap-up time (s)' },
  'relaxation.lowerLevelsAfterSeconds': {
    fr: 'Niveaux abaissés après (s)',
    en: 'Levels lowered after (s)',
  },
  'relaxation.levelDrop': { fr: 'Baisse de niveau', en: 'Level drop' },
  'relaxation.dropOptionalAfterSeconds': {
    fr: 'Compétences facultatives ignorées après (s)',
    en: 'Optional skills dropped after (s)',
  },
  members: { fr: 'Membres', en: 'Members' },
  name: { fr: 'Nom', en: 'Name' },
  role: { fr: 'Rôle', en: 'Role' },
  lang: { fr: 'Langue', en: 'Language' },
  enabled: { fr: 'Actif', en: 'Enabled' },
  'routing.skills': { fr: 'Compétences', en: 'Skills' },
  'routing.queues': { fr: 'Files servies', en: 'Queues served' },
  'routing.langs': { fr: 'Langues parlées', en: 'Languages spoken' },
  'routing.capacity.voice': { fr: 'Capacité voix', en: 'Voice capacity' },
  'routing.capacity.chat': { fr: 'Capacité chat', en: 'Chat capacity' },
  'routing.capacity.email': { fr: 'Capacité e-mail', en: 'Email capacity' },
  categories: { fr: 'Catégories proposées', en: 'Categories offered' },
  queueId: { fr: 'File', en: 'Queue' },
  offlineOffer: { fr: 'Message ou rappel hors ligne', en: 'Message or callback when offline' },
  origins: { fr: 'Origines autorisées', en: 'Allowed origins' },
};

type Leaves = Map<string, unknown>;

/** Objects down to their leaves ("routing.capacity.chat"); arrays are leaves. */
function leaves(value: unknown, prefix = '', into: Leaves = new Map()): Leaves {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value))
      if (key !== '_id') leaves(inner, prefix ? `${prefix}.${key}` : key, into);
  } else into.set(prefix, value);
  return into;
}

type Lang = 'fr' | 'en';
/** The name of an id in the fields that hold catalogue ids; the id itself once it is gone. */
type Namer = (id: string, lang: Lang) => string;

function namerFor(path: string, names: AuditNames | undefined): Namer | null {
  if (!names) return null;
  const label = (map: AuditNames['queues']) => (id: string, lang: Lang) =>
    map.get(id)?.[lang] ?? id;
  const name = (map: AuditNames['people']) => (id: string) => map.get(id) ?? id;
  if (path === 'routing.queues') return label(names.queues);
  if (path === 'routing.skills') return label(names.skills);
  if (path === 'members') return name(names.people);
  if (path === 'calendarId') return name(names.calendars);
  return null;
}

function show(value: unknown, lang: Lang, namer: Namer | null = null): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean')
    return lang === 'fr' ? (value ? 'oui' : 'non') : value ? 'yes' : 'no';
  if (Array.isArray(value))
    return value.length ? value.map((v) => show(v, lang, namer)).join(', ') : '—';
  if (typeof value === 'object') {
    const { skill, level } = value as { skill?: unknown; level?: unknown };
    if (typeof skill === 'string' && typeof level === 'number')
      return `${namer ? namer(skill, lang) : skill} ${level}`;
    return JSON.stringify(value);
  }
  if (typeof value === 'string' && namer) return namer(value, lang);
  return String(value as string | number);
}

/**
 * What changed from `before` to `after`, one line per field in each language; with no `before`,
 * every field set counts as created. Queues, skills, people and calendars are written by their
 * names from `names` (no raw ids in the audit). Never give it secrets: it writes what it sees.
 */
export function describeChanges(
  before: object | null,
  after: object,
  names?: AuditNames,
): CatalogueDiff {
  const old = before ? leaves(before) : new Map<string, unknown>();
  const now = leaves(after);
  const diff: CatalogueDiff = { fr: [], en: [] };
  for (const [path, value] of now) {
    const was = old.get(path);
    if (JSON.stringify(was) === JSON.stringify(value)) continue;
    const namer = namerFor(path, names);
    for (const lang of ['fr', 'en'] as const) {
      const field = fieldWords[path]?.[lang] ?? path;
      const colon = lang === 'fr' ? ' : ' : ': ';
      diff[lang].push(
        before
          ? `${field}${colon}${show(was, lang, namer)} ⇒ ${show(value, lang, namer)}`
          : `${field}${colon}${show(value, lang, namer)}`,
      );
    }
  }
  return diff;
}
