import { z } from 'zod';
import type { TimelineEvent } from '../../workflows/contracts/timeline';

type TimelineEventType = TimelineEvent['type'];

/** The timeline events that count as a contact of the customer: a first message or a later one. */
export const contactEventTypes = [
  'case-opened',
  'message-received',
] as const satisfies readonly TimelineEventType[];

export const isContactEvent = (type: TimelineEventType): boolean =>
  (contactEventTypes as readonly TimelineEventType[]).includes(type);

export const ContactSchema = z.object({
  /** The timeline event's key: recording the same event twice counts it once. */
  key: z.string(),
  messageId: z.string().nullable(),
  at: z.date(),
});
export type Contact = z.infer<typeof ContactSchema>;

/**
 * What the rules' history facts need of one customer, kept up to date as tasks and timeline
 * events are written, so that a decision reads one document by `_id` instead of counting
 * collections that FerretDB scans in full.
 */
export const CustomerStatsDocSchema = z.object({
  /** The customer id. */
  _id: z.string(),
  /** Cases whose main task is not closed: a set, so a retried write changes nothing. */
  openCaseIds: z.array(z.string()),
  /** Contacts of the last days, and always the newest few; newest first. */
  contacts: z.array(ContactSchema),
});
export type CustomerStatsDoc = z.infer<typeof CustomerStatsDocSchema>;

const dayMs = 24 * 3600_000;
/** A week for contactsLast7Days, plus a day for a decision that runs late (retries, backlog). */
const keepContactsMs = 8 * dayMs;
/** However old, so that the previous contact is known: the newest is usually the current one. */
const keepNewestContacts = 3;

export const emptyStats = (customerId: string): CustomerStatsDoc => ({
  _id: customerId,
  openCaseIds: [],
  contacts: [],
});

/** The stats with the case open or not; null when that changes nothing. */
export function withCaseOpen(
  stats: CustomerStatsDoc,
  caseId: string,
  open: boolean,
): CustomerStatsDoc | null {
  if (stats.openCaseIds.includes(caseId) === open) return null;
  const openCaseIds = open
    ? [...stats.openCaseIds, caseId]
    : stats.openCaseIds.filter((id) => id !== caseId);
  return { ...stats, openCaseIds };
}

/** Newest first, bounded: within `keepContactsMs` of the newest, or among the newest few. */
export function pruneContacts(contacts: readonly Contact[]): Contact[] {
  const sorted = [...contacts].sort(
    (a, b) => b.at.getTime() - a.at.getTime() || a.key.localeCompare(b.key),
  );
  const newest = sorted[0]?.at.getTime() ?? 0;
  return sorted.filter(
    (c, i) => i < keepNewestContacts || c.at.getTime() >= newest - keepContactsMs,
  );
}

/** The stats with one more contact; null when it is already counted (a retry). */
export function withContact(stats: CustomerStatsDoc, contact: Contact): CustomerStatsDoc | null {
  if (stats.contacts.some((c) => c.key === contact.key)) return null;
  const contacts = pruneContacts([...stats.contacts, contact]);
  // An event older than everything kept (a very late retry) is pruned at once: nothing changes.
  if (!contacts.some((c) => c.key === contact.key)) return null;
  return { ...stats, contacts };
}

/**
 * Backfill: the stats computed from the tasks and events stored before counters existed, merged
 * with whatever was already written for this customer.
 */
export function mergeComputed(
  stats: CustomerStatsDoc,
  computed: { open: readonly string[]; closed: readonly string[]; contacts: readonly Contact[] },
): CustomerStatsDoc | null {
  const closed = new Set(computed.closed);
  const openCaseIds = [
    ...new Set([...stats.openCaseIds.filter((id) => !closed.has(id)), ...computed.open]),
  ];
  const known = new Set(stats.contacts.map((c) => c.key));
  const contacts = pruneContacts([
    ...stats.contacts,
    ...computed.contacts.filter((c) => !known.has(c.key)),
  ]);
  const same =
    openCaseIds.length === stats.openCaseIds.length &&
    openCaseIds.every((id) => stats.openCaseIds.includes(id)) &&
    contacts.length === stats.contacts.length &&
    contacts.every((c, i) => c.key === stats.contacts[i]?.key);
  return same ? null : { ...stats, openCaseIds, contacts };
}

export interface HistoryFacts {
  openCases: number;
  contactsLast7Days: number;
  /** The customer's previous contact: the newest one before this message, as an ISO time. */
  lastContactAt: string | null;
}

const weekMs = 7 * dayMs;

/** The history facts for a message received at `receivedAt` (its own contact included). */
export function historyAt(
  stats: CustomerStatsDoc | null,
  receivedAt: Date,
  messageId: string,
): HistoryFacts {
  if (!stats) return { openCases: 0, contactsLast7Days: 0, lastContactAt: null };
  const since = receivedAt.getTime() - weekMs;
  const previous = stats.contacts
    .filter((c) => c.messageId !== messageId && c.at.getTime() <= receivedAt.getTime())
    .reduce<Date | null>((latest, c) => (latest && latest >= c.at ? latest : c.at), null);
  return {
    openCases: stats.openCaseIds.length,
    contactsLast7Days: stats.contacts.filter((c) => c.at.getTime() >= since).length,
    lastContactAt: previous?.toISOString() ?? null,
  };
}
