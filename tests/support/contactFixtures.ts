import { randomUUID } from 'node:crypto';
import type { Db, Document } from 'mongodb';
import { defaultCalendar } from '../../rules/calendar/defaultCalendar';
import { decide } from '../../rules/engine/decide';
import { buildFacts } from '../../rules/facts/buildFacts';
import type { RuleSet } from '../../rules/model/ruleSet';
import { defaultNewCustomer } from '../../worker/store/customers';
import type { Stores } from '../../worker/store/stores';
import { listKeysOf } from '../../worker/store/taskListKeys';
import type { Task } from '../../workflows/contracts/task';
import type { TimelineEvent } from '../../workflows/contracts/timeline';
import { backlogTask } from './taskFixtures';

/** What tells one contact's documents apart from another's. */
export interface ContactIds {
  customerId: string;
  caseId: string;
  email: string;
}

/** The collections one contact writes to, as the intake and the case page read them. */
export const contactCollections = [
  'customers',
  'customerKeys',
  'customerStats',
  'tasks',
  'events',
  'decisions',
  'outbox',
] as const;

/**
 * One contact written through the stores, as the activities write it: the customer and their
 * identity key, the case's timeline, its decision by the published default rule set, its task,
 * the acknowledgement in the outbox and the customer's counters. Needs a seeded database.
 */
export async function writeContact(
  stores: Stores,
  email = `client-${randomUUID().slice(0, 8)}@exemple.fr`,
): Promise<ContactIds> {
  const customer = await stores.customers.findOrCreate(
    { email },
    { ...defaultNewCustomer, name: 'Claire Martin' },
  );
  const ids = { customerId: customer._id, caseId: `case-${randomUUID()}`, email };
  const receivedAt = new Date();
  const at = receivedAt.toISOString();
  const event = (type: TimelineEvent['type'], data: Record<string, unknown> = {}) =>
    stores.timeline.append({
      key: `${ids.caseId}:${type}`,
      customerId: ids.customerId,
      caseId: ids.caseId,
      type,
      at,
      data,
    });
  await event('case-opened', { channel: 'email', messageId: `m-${ids.caseId}` });
  await stores.customerStats.recordContact(ids.customerId, {
    key: `${ids.caseId}:case-opened`,
    messageId: `m-${ids.caseId}`,
    at: receivedAt,
  });

  const ruleSet = (await stores.ruleSets.latestPublished('default')) as RuleSet;
  const facts = buildFacts({
    message: {
      channel: 'email',
      previousChannel: null,
      category: 'facturation',
      subject: 'Erreur sur ma facture',
      text: 'Ma facture de mars comporte deux fois les frais de livraison.',
      lang: 'fr',
      receivedAt: at,
      callbackRequested: false,
    },
    customer: { tier: 'standard', segment: 'B2C', lastCsat: null },
    history: { openCases: 0, contactsLast7Days: 1, channelSwitches: 0, minutesWaiting: 0 },
    withinBusinessHours: true,
  });
  const decision = await decide(ruleSet, facts);
  await stores.decisions.save({
    _id: `${ids.caseId}:initial:m${receivedAt.getTime()}`,
    caseId: ids.caseId,
    customerId: ids.customerId,
    reason: 'initial',
    facts,
    result: { decision, calendar: defaultCalendar },
    decidedAt: receivedAt,
  });
  await event('decided', { priority: decision.priority, queue: decision.queue });

  await stores.tasks.upsert(
    backlogTask(0, {
      taskId: ids.caseId,
      caseId: ids.caseId,
      customerId: ids.customerId,
      customerName: 'Claire Martin',
      queue: decision.queue,
      priority: decision.priority,
      openedAt: at,
      updatedAt: at,
    }),
  );
  await stores.customerStats.syncCase(ids.customerId, ids.caseId);
  await event('task-created');

  const ack = {
    key: `${ids.caseId}:ack`,
    caseId: ids.caseId,
    customerId: ids.customerId,
    channel: 'email' as const,
    kind: 'acknowledgement' as const,
    to: email,
    lang: 'fr' as const,
    text: 'Bonjour Claire, nous revenons vers vous sous 48 h.',
  };
  await stores.outbox.beginAttempt(ack);
  await stores.outbox.markSent(ack.key);
  await event('acknowledged', { outboxKey: ack.key });
  return ids;
}

/** Contact `i` of a bulk load: ids that no other contact's contain. */
export const bulkIds = (i: number): ContactIds => ({
  customerId: `customer-${String(i).padStart(7, '0')}`,
  caseId: `case-${String(i).padStart(7, '0')}`,
  email: `client-${String(i).padStart(7, '0')}@exemple.fr`,
});

function renamed(value: unknown, from: ContactIds, to: ContactIds): unknown {
  if (typeof value === 'string')
    return value
      .replaceAll(from.customerId, to.customerId)
      .replaceAll(from.caseId, to.caseId)
      .replaceAll(from.email, to.email);
  if (Array.isArray(value)) return value.map((v) => renamed(v, from, to));
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renamed(v, from, to)]));
  return value;
}

/**
 * Copies of the exemplar contact's documents for contacts `first`…`first + count - 1` (ids from
 * `bulkIds`), inserted in bulk: a large store in seconds, with documents of the real shape and
 * size. Open tasks spread over five queues and priorities, and one in four is closed.
 */
export async function cloneContacts(
  db: Db,
  exemplar: ContactIds,
  first: number,
  count: number,
): Promise<void> {
  const originals: Record<string, Document[]> = {};
  for (const name of contactCollections) {
    const filter: Document =
      name === 'customers' || name === 'customerStats'
        ? { _id: exemplar.customerId }
        : name === 'customerKeys'
          ? { customerId: exemplar.customerId }
          : { caseId: exemplar.caseId };
    originals[name] = await db.collection<Document>(name).find(filter).toArray();
  }
  const queues = ['billing', 'general', 'delivery', 'complaints', 'sales'];
  for (let start = first; start < first + count; start += 1000) {
    const batch = Array.from(
      { length: Math.min(1000, first + count - start) },
      (_, k) => start + k,
    );
    for (const name of contactCollections) {
      const docs = batch.flatMap((i) =>
        (originals[name] ?? []).map((doc) => {
          const copy = renamed(doc, exemplar, bulkIds(i)) as Document;
          if (name === 'tasks') {
            const at = Date.parse('2026-03-10T08:00:00Z') + i * 60_000;
            Object.assign(copy, {
              queue: queues[i % queues.length],
              priority: 1 + (i % 5),
              status: i % 4 === 3 ? 'closed' : 'queued',
              dueAt: new Date(at).toISOString(),
              openedAt: new Date(at - 3_600_000).toISOString(),
            });
            // In its own list buckets, as a task write puts it.
            copy.listKeys = listKeysOf(copy as Task);
          }
          return copy;
        }),
      );
      if (docs.length > 0) await db.collection(name).insertMany(docs, { ordered: false });
    }
  }
}
