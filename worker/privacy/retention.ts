import { DateTime } from 'luxon';
import type { Db, Document } from 'mongodb';
import { attachmentFileIds } from '../store/attachmentFiles';
import type { RetentionInput, RetentionReport } from '../../workflows/privacy/erasureContract';

/** An outbox message's body once its retention has passed (the schema wants a non-empty text). */
export const purgedBody = '—';

const batch = 500;

/**
 * Customers with no contact since `cutoff` and no open case: their newest contact (the
 * customerStats counters keep it however old), else their creation.
 */
export async function inactiveCustomers(db: Db, cutoff: Date): Promise<string[]> {
  const inactive: string[] = [];
  const customers = db.collection('customers').find({}, { projection: { createdAt: 1 } });
  const check = async (page: Document[]) => {
    const stats = await db
      .collection('customerStats')
      .find({ _id: { $in: page.map((c) => c._id) } })
      .toArray();
    const byId = new Map(stats.map((s) => [String(s._id), s]));
    for (const c of page) {
      const s = byId.get(String(c._id));
      if (s && Array.isArray(s.openCaseIds) && s.openCaseIds.length > 0) continue;
      const contacts = (s?.contacts ?? []) as { at: Date }[];
      const last = contacts.reduce<Date>((l, x) => (x.at > l ? x.at : l), c.createdAt as Date);
      if (last < cutoff) inactive.push(String(c._id));
    }
  };
  let page: Document[] = [];
  for await (const c of customers) {
    page.push(c);
    if (page.length === batch) {
      await check(page);
      page = [];
    }
  }
  if (page.length > 0) await check(page);
  return inactive.sort();
}

const minus = (now: Date, duration: { months?: number; days?: number }) =>
  DateTime.fromJSDate(now).minus(duration).toJSDate();

/**
 * What the retention purge finds at `now`: the inactive customers (erased by the workflow, one
 * erasure each) and the attachments and outbox bodies past their shorter retention, which are
 * removed here unless `dryRun`. Idempotent: a second pass finds nothing more of those.
 */
export async function retentionSweep(
  db: Db,
  settings: RetentionInput,
  now: Date,
  dryRun: boolean,
): Promise<RetentionReport> {
  const cutoff = minus(now, { months: settings.months });
  const filesBefore = { receivedAt: { $lt: minus(now, { days: settings.attachmentDays }) } };
  const fileIds = await attachmentFileIds(db, { mails: filesBefore, chats: filesBefore });
  const files = { _id: { $in: fileIds as never[] } };
  const bodies = {
    status: 'sent',
    sentAt: { $lt: minus(now, { days: settings.outboxBodyDays }) },
    text: { $ne: purgedBody },
  };
  const attachments = await db.collection('mailAttachments').countDocuments(files);
  const outboxBodies = await db.collection('outbox').countDocuments(bodies);
  if (!dryRun) {
    await db.collection('mailAttachments').deleteMany(files);
    await db.collection('outbox').updateMany(bodies, { $set: { text: purgedBody } });
  }
  return {
    inactive: await inactiveCustomers(db, cutoff),
    cutoff: cutoff.toISOString(),
    attachments,
    outboxBodies,
  };
}
