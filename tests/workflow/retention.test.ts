import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { retentionSweep } from '../../worker/privacy/retention';
import { ErasureCertificateStore } from '../../worker/store/erasureCertificates';
import { insertOnce } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';
import type { RetentionInput, RetentionReport } from '../../workflows/privacy/erasureContract';
import { withCaseWorld, type CaseWorld } from '../support/caseWorld';

const settings: RetentionInput = { months: 36, attachmentDays: 365, outboxBodyDays: 365 };
const monthsAgo = (now: Date, months: number) =>
  DateTime.fromJSDate(now).minus({ months }).toJSDate();

/** A customer created `createdMonthsAgo`, last in touch `contactMonthsAgo` (none: never since). */
async function customer(
  stores: Stores,
  now: Date,
  name: string,
  createdMonthsAgo: number,
  contact: { monthsAgo: number; openCase?: boolean } | null = null,
): Promise<string> {
  const _id = `${name}-${now.getTime()}`;
  await insertOnce(stores.customers.col, {
    _id,
    name,
    email: `${_id}@exemple.fr`,
    phone: null,
    handle: null,
    tier: 'standard',
    segment: 'B2C',
    lang: 'fr',
    timezone: 'Europe/Paris',
    smsOptIn: false,
    lastCsat: null,
    createdAt: monthsAgo(now, createdMonthsAgo),
  });
  if (contact)
    await insertOnce(stores.customerStats.col, {
      _id,
      openCaseIds: contact.openCase ? [`case-of-${_id}`] : [],
      contacts: [{ key: `k-${_id}`, messageId: null, at: monthsAgo(now, contact.monthsAgo) }],
    });
  return _id;
}

const runRetention = (w: CaseWorld) =>
  w.env.client.workflow.execute('retentionWorkflow', {
    workflowId: `retention-${Date.now()}`,
    taskQueue: w.t.taskQueue,
    args: [settings],
  }) as Promise<RetentionReport>;

const exists = async (w: CaseWorld, id: string) => (await w.stores.customers.get(id)) !== null;

describe('retention', () => {
  it('erases exactly the customers with no contact for 36 months, as the dry run said', () =>
    withCaseWorld(async (w) => {
      const now = new Date(await w.env.currentTimeMs());
      const silent = await customer(w.stores, now, 'silent', 40);
      const nearly = await customer(w.stores, now, 'nearly', 40, { monthsAgo: 35 });
      const waiting = await customer(w.stores, now, 'waiting', 40, {
        monthsAgo: 38,
        openCase: true,
      });
      const fresh = await customer(w.stores, now, 'fresh', 1);
      const db = w.stores.customers.col.db;

      const dry = await retentionSweep(db, settings, now, true);
      expect(dry.inactive).toEqual([silent]);
      const report = await runRetention(w);
      expect(report.inactive).toEqual(dry.inactive);
      expect(await exists(w, silent)).toBe(false);
      for (const kept of [nearly, waiting, fresh]) expect(await exists(w, kept)).toBe(true);
      const certificate = await new ErasureCertificateStore(db).get(silent);
      expect(certificate).toMatchObject({ reason: 'retention', requestedBy: 'retention' });
    }));
});
