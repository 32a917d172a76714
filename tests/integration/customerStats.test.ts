import { describe, expect, it } from 'vitest';
import { channels } from '../../rules/model/channel';
import { createActivities } from '../../worker/activities/createActivities';
import { ChannelAdapters } from '../../worker/channels/adapters';
import { OutboxOnlyAdapter } from '../../worker/channels/outboxAdapter';
import { RuleProvider } from '../../worker/rules/ruleProvider';
import { createStores, type Stores } from '../../worker/store/stores';
import type { Task } from '../../workflows/contracts/task';
import type { TimelineEvent } from '../../workflows/contracts/timeline';
import { freshDatabase } from '../support/relaisWorker';

const day = 24 * 3600_000;
const now = new Date();
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

async function setup() {
  const { mongo, stores } = await freshDatabase();
  const outbox = new OutboxOnlyAdapter();
  const activities = createActivities({
    stores,
    rules: new RuleProvider(stores.ruleSets, 'default'),
    channels: new ChannelAdapters(Object.fromEntries(channels.map((c) => [c, outbox]))),
  });
  return { mongo, stores, activities };
}

const task = (caseId: string, seq: number, status: Task['status'], kind: Task['kind'] = 'case') =>
  ({
    taskId: kind === 'case' ? caseId : `${caseId}:${kind}:1`,
    kind,
    caseId,
    customerId: 'cust-1',
    customerName: 'Claire',
    status,
    channel: 'email',
    priority: 3,
    queue: 'general',
    skills: [],
    assignee: null,
    subject: 'Colis',
    dueAt: null,
    escalationLevel: 0,
    openedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    seq,
  }) satisfies Task;

const contactEvent = (
  key: string,
  at: string,
  type: TimelineEvent['type'] = 'message-received',
): TimelineEvent => ({
  key,
  customerId: 'cust-1',
  caseId: 'case-1',
  type,
  at,
  data: { messageId: `m-${key}`, channel: 'email' },
});

const history = (stores: Stores, messageId = 'current') =>
  stores.customerStats.historyAt('cust-1', now, messageId);

describe('per-customer counters', () => {
  it('counts each open case once however often its task is synced, and forgets it once closed', async () => {
    const { mongo, stores, activities } = await setup();
    await activities.syncTask(task('case-1', 1, 'queued'));
    await activities.syncTask(task('case-1', 1, 'queued'));
    await activities.syncTask(task('case-1', 2, 'assigned'));
    await activities.syncTask(task('case-2', 1, 'queued'));
    await activities.syncTask(task('case-2', 1, 'queued', 'callback'));
    expect((await history(stores)).openCases).toBe(2);
    await activities.syncTask(task('case-1', 5, 'closed'));
    // A late retry of an older projection neither reopens the task nor the counter.
    await activities.syncTask(task('case-1', 3, 'assigned'));
    expect((await history(stores)).openCases).toBe(1);
    await activities.syncTask(task('case-1', 6, 'reopened'));
    expect((await history(stores)).openCases).toBe(2);
    await mongo.close();
  });

  it('counts each contact event once, over the last 7 days only, and nothing else', async () => {
    const { mongo, stores, activities } = await setup();
    await activities.recordEvent(contactEvent('opened', ago(2 * day), 'case-opened'));
    await activities.recordEvent(contactEvent('opened', ago(2 * day), 'case-opened'));
    await activities.recordEvent(contactEvent('old', ago(9 * day)));
    await activities.recordEvent({ ...contactEvent('note', ago(day)), type: 'note' });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        activities.recordEvent(contactEvent(`burst-${i}`, ago(i * 1000))),
      ),
    );
    const facts = await history(stores);
    expect(facts.contactsLast7Days).toBe(13);
    expect(facts.lastContactAt).toBe(ago(0));
    await mongo.close();
  });

  it('counts, once, what was stored before the counters existed', async () => {
    const { mongo, stores } = await setup();
    // Written around the counters, as a version without them did.
    await stores.tasks.upsert(task('case-old', 1, 'queued'));
    await stores.tasks.upsert(task('case-done', 4, 'closed'));
    await stores.timeline.append(contactEvent('before-1', ago(3 * day), 'case-opened'));
    await stores.timeline.append(contactEvent('before-2', ago(2 * day)));
    await stores.timeline.append(contactEvent('before-old', ago(20 * day)));

    const restarted = createStores(mongo.db);
    // A contact written right after the upgrade waits for the backfill, then adds to it.
    await restarted.customerStats.recordContact('cust-1', {
      key: 'after',
      at: new Date(ago(60_000)),
      messageId: 'm-after',
    });
    expect(await history(restarted)).toEqual({
      openCases: 1,
      contactsLast7Days: 3,
      lastContactAt: ago(60_000),
    });

    // Once: another start finds the marker and does not count the old data again.
    await stores.timeline.col.deleteOne({ _id: 'before-2' });
    expect((await history(createStores(mongo.db))).contactsLast7Days).toBe(3);
    await mongo.close();
  });

  it('names the collection and the id of a stored document that breaks its schema', async () => {
    const { mongo, stores } = await setup();
    await stores.customerStats.ready();
    await mongo.db
      .collection('customerStats')
      .insertOne({ _id: 'cust-1' as never, openCaseIds: 3 });
    await expect(history(stores)).rejects.toThrow(
      /customerStats document cust-1 does not match its schema: openCaseIds/,
    );
    await mongo.close();
  });
});
