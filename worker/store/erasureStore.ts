import type { Collection, Db, Document, Filter } from 'mongodb';
import type { ErasureCounts } from '../../workflows/privacy/erasureContract';
import { type Task, TaskSchema } from '../../workflows/contracts/task';
import { attachmentFileIds } from './attachmentFiles';
import { parseDoc } from './parseDoc';
import type { TaskStore } from './tasks';

/**
 * Strings a timeline event keeps once its customer is erased: channels, queues, agents, kinds
 * and times, which the KPIs and the case history's shape need and which say nothing of the
 * customer. Every other string (texts, subjects, names, reasons, message ids) goes.
 */
const wordlessFields = new Set([
  'channel',
  'kind',
  'from',
  'to',
  'queue',
  'toQueue',
  'toAgent',
  'agentId',
  'assignee',
  'how',
  'by',
  'outcome',
  'step',
  'status',
  'dueAt',
  'expiresAt',
  'offerId',
  'callbackId',
]);

/** An event's data as the KPIs need it: numbers, booleans and the word-free fields. */
export function wordlessData(data: Record<string, unknown>): Record<string, unknown> {
  const kept = Object.entries(data).filter(
    ([field, value]) =>
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      (typeof value === 'string' && wordlessFields.has(field)),
  );
  return { ...Object.fromEntries(kept), erased: true };
}

interface Scope {
  subject: string;
  cases: string[];
  /** The customer's email addresses, to find mails not yet tied to a case. */
  emails: string[];
}

/** Deletes or anonymises, collection by collection, everything MongoDB holds on one customer. */
export class ErasureStore {
  constructor(
    private readonly db: Db,
    private readonly tasks: TaskStore,
  ) {}

  private col(name: string): Collection<Document> {
    return this.db.collection(name);
  }

  /** Every case of the customer MongoDB knows of: from the timeline, the tasks and the mails. */
  async casesOf(subject: string): Promise<string[]> {
    const found = await Promise.all(
      ['events', 'tasks', 'inboundMails', 'decisions'].map((c) =>
        this.col(c).distinct('caseId', { customerId: subject }),
      ),
    );
    return [...new Set(found.flat().filter((c): c is string => typeof c === 'string'))].sort();
  }

  private async scope(subject: string, cases: string[]): Promise<Scope> {
    const customer = await this.col('customers').findOne({ _id: subject as never });
    const keys = await this.col('customerKeys').find({ customerId: subject }).toArray();
    const emails = new Set<string>();
    if (typeof customer?.email === 'string') emails.add(customer.email.toLowerCase());
    for (const { _id } of keys) {
      const key = String(_id);
      if (key.startsWith('email:')) emails.add(key.slice('email:'.length));
    }
    return { subject, cases, emails: [...emails] };
  }

  private filters({ subject, cases, emails }: Scope) {
    const byCase: Filter<Document> = { caseId: { $in: cases } };
    const mails: Filter<Document> = {
      $or: [{ customerId: subject }, byCase, ...(emails.length ? [{ from: { $in: emails } }] : [])],
    };
    return {
      customers: { _id: subject as never },
      customerKeys: { customerId: subject },
      customerStats: { _id: subject as never },
      events: { customerId: subject, 'data.erased': { $ne: true } },
      tasks: { customerId: subject, customerName: { $ne: '' } },
      outbox: { $or: [{ customerId: subject }, byCase] },
      decisions: { $or: [{ customerId: subject }, byCase] },
      decisionFacts: byCase,
      notifications: byCase,
      routingEvents: { caseId: { $in: cases }, kind: 'offer-created', 'item.subject': { $ne: '' } },
      inboundMails: mails,
      chatAttachments: { $or: [{ customerId: subject }, byCase] },
      consents: { customerId: subject },
      devMailbox: { envelopeTo: { $in: emails } },
    } satisfies Record<string, Filter<Document>>;
  }

  private fileIds(f: ReturnType<ErasureStore['filters']>): Promise<string[]> {
    return attachmentFileIds(this.db, { mails: f.inboundMails, chats: f.chatAttachments });
  }

  /** What `erase` would touch now: the certificate's figures, counted before anything changes. */
  async count(subject: string, cases: string[]): Promise<ErasureCounts> {
    const f = this.filters(await this.scope(subject, cases));
    const n = (c: string, filter: Filter<Document>) => this.col(c).countDocuments(filter);
    const [decisions, decisionFacts] = await Promise.all([
      n('decisions', f.decisions),
      n('decisionFacts', f.decisionFacts),
    ]);
    return {
      customers: await n('customers', f.customers),
      identityKeys: await n('customerKeys', f.customerKeys),
      customerStats: await n('customerStats', f.customerStats),
      timelineEvents: await n('events', f.events),
      tasks: await n('tasks', f.tasks),
      outbox: await n('outbox', f.outbox),
      decisions: Math.max(decisions, decisionFacts),
      notifications: await n('notifications', f.notifications),
      routingEvents: await n('routingEvents', f.routingEvents),
      inboundMails: await n('inboundMails', f.inboundMails),
      attachments: (await this.fileIds(f)).length,
      devMails: await n('devMailbox', f.devMailbox),
      consents: await n('consents', f.consents),
    };
  }

  /**
   * Idempotent: each step finds only what is left. The customer and their identity keys go
   * last, since the email addresses that find their mails are read from them.
   */
  async erase(subject: string, cases: string[]): Promise<void> {
    const f = this.filters(await this.scope(subject, cases));
    const fileIds = await this.fileIds(f);
    await this.col('mailAttachments').deleteMany({ _id: { $in: fileIds as never[] } });
    await this.col('inboundMails').deleteMany(f.inboundMails);
    await this.col('chatAttachments').deleteMany(f.chatAttachments);
    await this.col('devMailbox').deleteMany(f.devMailbox);
    for (const c of ['outbox', 'decisions', 'decisionFacts', 'notifications', 'consents'] as const)
      await this.col(c).deleteMany(f[c]);
    await this.col('routingEvents').updateMany(f.routingEvents, {
      $set: { 'item.customerName': '', 'item.subject': '' },
    });
    for (const event of await this.col('events').find(f.events).toArray())
      await this.col('events').updateOne(
        { _id: event._id },
        { $set: { data: wordlessData((event.data ?? {}) as Record<string, unknown>) } },
      );
    await this.anonymiseTasks(f.tasks);
    // Their cases' search keys hold words of their messages.
    await this.col('caseSearch').deleteMany({ customerId: subject });
    await this.col('customerStats').deleteMany(f.customerStats);
    await this.col('customerKeys').deleteMany(f.customerKeys);
    await this.col('customers').deleteMany(f.customers);
  }

  /** Through the task store, so an open task leaves the list counters as it closes. */
  private async anonymiseTasks(filter: Filter<Document>): Promise<void> {
    const now = new Date().toISOString();
    for (const raw of await this.col('tasks').find(filter).toArray()) {
      const task: Task = parseDoc(TaskSchema, 'tasks', raw);
      await this.tasks.upsert({
        ...task,
        status: 'closed',
        customerName: '',
        subject: '',
        updatedAt: now,
        seq: task.seq + 1,
      });
    }
  }
}
