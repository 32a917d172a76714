/**
 * The catalogue pages' forms read into plain objects, for the stores' zod schemas to judge:
 * these helpers only turn form strings into the shapes (numbers, booleans, nulls, lists) and
 * leave every rule about the values to the schemas.
 */

const text = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
};

/** An empty number field is NaN, which the schema refuses on that field's path. */
const num = (form: FormData, name: string): number => {
  const value = text(form, name);
  return value === '' ? Number.NaN : Number(value);
};

/** Empty means "never" for the relaxation waits. */
const numOrNull = (form: FormData, name: string): number | null =>
  text(form, name) === '' ? null : num(form, name);

const checked = (form: FormData, name: string): boolean => form.get(name) === 'on';

const all = (form: FormData, name: string): string[] =>
  form.getAll(name).filter((v): v is string => typeof v === 'string' && v !== '');

const labels = (form: FormData) => ({ fr: text(form, 'labelFr'), en: text(form, 'labelEn') });

export function readSkillForm(form: FormData) {
  return { _id: text(form, 'id'), labels: labels(form) };
}

export function readTeamForm(form: FormData) {
  return { _id: text(form, 'id'), labels: labels(form), members: all(form, 'members') };
}

export function readQueueForm(form: FormData) {
  const calendarId = text(form, 'calendarId');
  return {
    _id: text(form, 'id'),
    labels: labels(form),
    description: text(form, 'description'),
    calendarId: calendarId === '' ? null : calendarId,
    policy: text(form, 'policy'),
    offerTimeoutSeconds: num(form, 'offerTimeoutSeconds'),
    agingMinutes: num(form, 'agingMinutes'),
    autoAccept: checked(form, 'autoAccept'),
    allowPull: checked(form, 'allowPull'),
    awayAfterMissedOffers: num(form, 'awayAfterMissedOffers'),
    wrapUpSeconds: num(form, 'wrapUpSeconds'),
    relaxation: {
      lowerLevelsAfterSeconds: numOrNull(form, 'lowerLevelsAfterSeconds'),
      levelDrop: num(form, 'levelDrop'),
      dropOptionalAfterSeconds: numOrNull(form, 'dropOptionalAfterSeconds'),
    },
  };
}

/**
 * An agent's routing profile: one `skill:<id>` select per catalogue skill (empty: not held),
 * the queues and languages as checkboxes, a number per capacity class.
 */
export function readRoutingForm(form: FormData) {
  const skills = [...form.keys()]
    .filter((key, i, keys) => key.startsWith('skill:') && keys.indexOf(key) === i)
    .flatMap((key) => {
      const level = text(form, key);
      return level === '' ? [] : [{ skill: key.slice('skill:'.length), level: Number(level) }];
    });
  return {
    skills,
    queues: all(form, 'queues'),
    langs: all(form, 'langs'),
    capacity: {
      voice: num(form, 'capacity.voice'),
      chat: num(form, 'capacity.chat'),
      email: num(form, 'capacity.email'),
    },
  };
}

/** Name, role, language and routing profile: what both creating and editing a user set. */
export function readUserForm(form: FormData) {
  return {
    name: text(form, 'name'),
    role: text(form, 'role'),
    lang: text(form, 'lang'),
    routing: readRoutingForm(form),
  };
}

/** The form field a store's problem path points at ("routing.capacity.chat" → "capacity.chat"). */
export function formFieldOf(problemPath: string): string {
  const path = problemPath.replace(/\[\d+\]/g, '');
  if (path === '_id' || path === '') return 'id';
  if (path === 'labels.fr') return 'labelFr';
  if (path === 'labels.en') return 'labelEn';
  const [head = '', second = '', third] = path.split('.');
  if (head === 'relaxation') return second;
  if (head === 'routing') return second === 'capacity' && third ? `capacity.${third}` : second;
  return head;
}
