import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import { z } from 'zod';
import { KeyedLock } from './keyedLock';
import { parseDoc, parseDocOrNull } from './parseDoc';

/**
 * The customer list by last contact, at any size: FerretDB sorts in its own process over every
 * document, so a customer carries the hour of their last contact (`contactHour`, an equality the
 * index serves) and `customerContactDays` counts the customers of each hour, a document a day. A
 * page reads the counters, then only the hour buckets it covers, as the task list walks its own.
 */

/** The hour bucket of a time: `2025-01-03T14`. */
export const contactHourOf = (at: Date): string => at.toISOString().slice(0, 13);

const DaySchema = z.object({ _id: z.string(), h: z.record(z.string(), z.number().int()) });
type DayDoc = z.infer<typeof DaySchema>;
/** An hour and how many customers it holds. */
interface HourCount {
  _id: string;
  n: number;
}
const hourFields = (hour: string) => ({ day: hour.slice(0, 10), field: `h.${hour.slice(11)}` });
const ContactSchema = z.object({
  _id: z.string(),
  lastContactAt: z.date().optional(),
  contactHour: z.string().optional(),
});
type ContactDoc = z.infer<typeof ContactSchema>;

/** Turns per process: a customer's touches, and each hour counter's increments (no atomic $inc on FerretDB). */
const locks = new KeyedLock();
const days = 'customerContactDays';
const batch = 500;

/** A page of the list as the counters place it: which hours to read and how far into them. */
export interface Covering {
  hours: string[];
  skip: number;
}

/** The hours, newest first, that hold the customers from `offset` on, `limit` of them. */
export function covering(counted: readonly HourCount[], offset: number, limit: number): Covering {
  const newestFirst = counted.filter((h) => h.n > 0).sort((a, b) => (a._id < b._id ? 1 : -1));
  const out: string[] = [];
  let before = 0;
  let skip = 0;
  for (const h of newestFirst) {
    if (before + h.n > offset && before < offset + limit) {
      if (out.length === 0) skip = offset - before;
      out.push(h._id);
    }
    before += h.n;
  }
  return { hours: out, skip };
}

export class CustomerContacts {
  private readonly customers: Collection<ContactDoc>;
  private readonly days: Collection<DayDoc>;

  constructor(db: Db) {
    this.customers = db.collection('customers');
    this.days = db.collection(days);
  }

  async ensureIndexes(): Promise<void> {
    await this.customers.createIndex({ contactHour: 1 });
  }

  /** A contact at `at`: the customer moves to that hour if it is their newest. */
  async touch(customerId: string, at: Date): Promise<void> {
    await locks.run([`customer:${customerId}`], async () => {
      const doc = parseDocOrNull(
        ContactSchema,
        'customers',
        await this.customers.findOne(
          { _id: customerId },
          { projection: { lastContactAt: 1, contactHour: 1 } },
        ),
      );
      if (!doc) return;
      const last = doc.lastContactAt && doc.lastContactAt > at ? doc.lastContactAt : at;
      const hour = contactHourOf(last);
      if (doc.contactHour === hour && doc.lastContactAt?.getTime() === last.getTime()) return;
      await this.customers.updateOne(
        { _id: customerId },
        { $set: { lastContactAt: last, contactHour: hour } },
      );
      if (doc.contactHour === hour) return;
      await this.count(hour, 1);
      if (doc.contactHour) await this.count(doc.contactHour, -1);
    });
  }

  /** A customer just stored with `contactHour` set counts in their hour. */
  async added(hour: string): Promise<void> {
    await this.count(hour, 1);
  }

  private async count(hour: string, by: number): Promise<void> {
    const { day, field } = hourFields(hour);
    await locks.run([`hour:${hour}`], () =>
      this.days.updateOne({ _id: day }, { $inc: { [field]: by } }, { upsert: true }),
    );
  }

  /**
   * The customers from `offset` on, newest contact first, and how many are listed in all. A
   * counter left behind by a crash between a customer's write and its count is set right when its
   * hour is read, so a page is off by at most that until then.
   */
  async page(
    offset: number,
    limit: number,
    projection: Record<string, number>,
  ): Promise<{ docs: unknown[]; total: number }> {
    const counted = (await this.days.find({}).toArray())
      .map((d) => parseDoc(DaySchema, days, d))
      .flatMap((d) => Object.entries(d.h).map(([h, n]) => ({ _id: `${d._id}T${h}`, n })));
    const total = counted.reduce((sum, h) => sum + Math.max(0, h.n), 0);
    const { hours: read, skip } = covering(counted, offset, limit);
    const buckets = await Promise.all(
      read.map(async (hour) => {
        const raws = await this.customers
          .find({ contactHour: hour }, { projection: { ...projection, lastContactAt: 1 } })
          .toArray();
        if (counted.find((h) => h._id === hour)?.n !== raws.length)
          await locks.run([`hour:${hour}`], () => {
            const { day, field } = hourFields(hour);
            return this.days.updateOne({ _id: day }, { $set: { [field]: raws.length } });
          });
        const at = (raw: unknown) => parseDoc(ContactSchema, 'customers', raw);
        return raws
          .map((raw) => ({ raw, c: at(raw) }))
          .sort(
            (a, b) =>
              (b.c.lastContactAt?.getTime() ?? 0) - (a.c.lastContactAt?.getTime() ?? 0) ||
              (a.c._id < b.c._id ? -1 : 1),
          )
          .map((x) => x.raw);
      }),
    );
    return { docs: buckets.flat().slice(skip, skip + limit), total };
  }

  /** Every customer's hour from their last contact, and the counters from scratch. Idempotent. */
  async recount(): Promise<void> {
    const tally = new Map<string, number>();
    let ops: AnyBulkWriteOperation<ContactDoc>[] = [];
    const flush = async () => {
      if (ops.length) await this.customers.bulkWrite(ops, { ordered: false });
      ops = [];
    };
    const all = this.customers.find({}, { projection: { lastContactAt: 1, contactHour: 1 } });
    for await (const raw of all) {
      const doc = parseDoc(ContactSchema, 'customers', raw);
      if (!doc.lastContactAt) continue;
      const hour = contactHourOf(doc.lastContactAt);
      tally.set(hour, (tally.get(hour) ?? 0) + 1);
      if (doc.contactHour !== hour)
        ops.push({
          updateOne: { filter: { _id: doc._id }, update: { $set: { contactHour: hour } } },
        });
      if (ops.length >= batch) await flush();
    }
    await flush();
    const perDay = new Map<string, Record<string, number>>();
    for (const [hour, n] of tally) {
      const h = perDay.get(hour.slice(0, 10)) ?? {};
      h[hour.slice(11)] = n;
      perDay.set(hour.slice(0, 10), h);
    }
    await this.days.deleteMany({});
    const counters = [...perDay].map(([_id, h]) => ({ _id, h }));
    for (let i = 0; i < counters.length; i += batch)
      await this.days.insertMany(counters.slice(i, i + batch), { ordered: false });
  }
}
