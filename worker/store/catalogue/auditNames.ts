import type { Db } from 'mongodb';
import type { LocalizedText } from '../../../rules/model/localized';

/** Catalogue ids as the audit words them: queues and skills by label, people and calendars by name. */
export interface AuditNames {
  queues: ReadonlyMap<string, LocalizedText>;
  skills: ReadonlyMap<string, LocalizedText>;
  people: ReadonlyMap<string, string>;
  calendars: ReadonlyMap<string, string>;
}

/** Read when a change is audited, so the entry keeps the names of the day (no raw ids). */
export async function auditNames(db: Db): Promise<AuditNames> {
  const labelled = (name: string) =>
    db
      .collection<{ _id: string; labels: LocalizedText }>(name)
      .find({}, { projection: { labels: 1 } })
      .toArray();
  const named = (name: string) =>
    db
      .collection<{ _id: string; name: string }>(name)
      .find({}, { projection: { name: 1 } })
      .toArray();
  const [queues, skills, people, calendars] = await Promise.all([
    labelled('queues'),
    labelled('skills'),
    named('users'),
    named('calendars'),
  ]);
  return {
    queues: new Map(queues.map((d) => [d._id, d.labels])),
    skills: new Map(skills.map((d) => [d._id, d.labels])),
    people: new Map(people.map((d) => [d._id, d.name])),
    calendars: new Map(calendars.map((d) => [d._id, d.name])),
  };
}
