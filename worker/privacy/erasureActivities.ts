import { Context } from '@temporalio/activity';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Db } from 'mongodb';
import type { HandOver } from '../../workflows/contracts/activities';
import {
  caseWorkflowId,
  customerWorkflowId,
  openCasesQuery,
} from '../../workflows/contracts/customer';
import { searchAttributeKeys } from '../../workflows/contracts/searchAttributes';
import type { ErasureActivities } from '../../workflows/privacy/erasureContract';
import { handOver } from '../routing/handOver';
import { rollOverRouter } from '../routing/routerClient';
import { ErasureCertificateStore } from '../store/erasureCertificates';
import { ErasureStore } from '../store/erasureStore';
import type { TaskStore } from '../store/tasks';
import { customerKeyId } from './keyChoice';
import type { KeyRing } from './keyRing';
import { retentionSweep } from './retention';

const terminateReason = 'customer erased (GDPR art. 17): no further message goes out';

/** Ends a workflow; one that is closed already or unknown counts as not ended here. */
async function terminate(client: Client, workflowId: string): Promise<boolean> {
  try {
    const handle = client.workflow.getHandle(workflowId);
    if ((await handle.describe()).status.name !== 'RUNNING') return false;
    await handle.terminate(terminateReason);
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

/**
 * The cases Temporal knows the customer has open: their customer workflow's own list, and any
 * running case the visibility store finds (one started a moment ago, not yet in MongoDB). Both
 * are best effort: a customer workflow that cannot answer (closed long ago, or its key already
 * destroyed by an earlier attempt) leaves MongoDB's list to stand.
 */
async function casesInTemporal(client: Client, subject: string): Promise<string[]> {
  const cases: string[] = [];
  try {
    const open = await client.workflow.getHandle(customerWorkflowId(subject)).query(openCasesQuery);
    cases.push(...open.map((c) => c.caseId));
  } catch {
    // Answered by MongoDB alone (see above).
  }
  try {
    const query = `${searchAttributeKeys.customerId.name} = "${subject}" AND ExecutionStatus = "Running"`;
    for await (const wf of client.workflow.list({ query }))
      if (wf.workflowId.startsWith('case-')) cases.push(wf.workflowId.slice('case-'.length));
  } catch {
    // A server without advanced visibility (the time-skipping test server).
  }
  return cases;
}

/** Heartbeats every few seconds while `work` runs, so that a worker's death is noticed soon. */
function heartbeating<A extends unknown[], R>(
  work: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    const context = Context.current();
    const beat = setInterval(() => context.heartbeat(), 5_000);
    try {
      return await work(...args);
    } finally {
      clearInterval(beat);
    }
  };
}

export interface ErasureDeps {
  db: Db;
  /** The process's task store: its writes take turns with the cases' own. */
  tasks: TaskStore;
  keys: KeyRing;
}

/** The erasure's and the retention purge's activities (workflows/privacy). */
export function createErasureActivities({ db, tasks, keys }: ErasureDeps): ErasureActivities {
  /**
   * Out of the router: the waiting item dropped, the agent's capacity freed (both no-ops when the
   * router no longer holds the case).
   */
  async function withdrawFromRouter(client: Client, taskQueue: string, caseId: string) {
    const assignees = new Set((await tasks.forCase(caseId)).flatMap((t) => t.assignee ?? []));
    const steps: HandOver[] = [
      { kind: 'withdraw', withdraw: { caseId, assignedTo: null, reason: 'closed' } },
      ...[...assignees].map((agentId): HandOver => ({
        kind: 'release',
        release: { caseId, agentId, handledSeconds: null },
      })),
    ];
    await handOver(client, taskQueue, steps);
  }
  const store = new ErasureStore(db, tasks);
  const certificates = new ErasureCertificateStore(db);
  const activities: ErasureActivities = {
    erasureCertificate: (subject) => certificates.get(subject),

    async planErasure(subject) {
      const inTemporal = await casesInTemporal(Context.current().client, subject);
      const cases = [...new Set([...(await store.casesOf(subject)), ...inTemporal])].sort();
      return { cases, counts: await store.count(subject, cases) };
    },

    async closeCustomerWorkflows(subject, cases) {
      const { client, info } = Context.current();
      // The customer workflow first, so that no new case opens meanwhile.
      let closed = (await terminate(client, customerWorkflowId(subject))) ? 1 : 0;
      for (const caseId of cases) {
        if (await terminate(client, caseWorkflowId(caseId))) closed++;
        await withdrawFromRouter(client, info.taskQueue, caseId);
      }
      return closed;
    },

    async rollOverRouter(cases) {
      const { client, info } = Context.current();
      // Again: a hand-over the ended case's last activity sent after the first withdrawal
      // would leave the item, with the customer's name, in the state the new run carries.
      for (const caseId of cases) await withdrawFromRouter(client, info.taskQueue, caseId);
      await rollOverRouter(client, info.taskQueue);
    },

    eraseStoredData: (subject, cases) => store.erase(subject, cases),

    async destroyCustomerKey(subject) {
      await keys.destroy(customerKeyId(subject));
      return new Date().toISOString();
    },

    writeErasureCertificate: (certificate) => certificates.write(certificate),

    retentionSweep: (input, now, dryRun) => retentionSweep(db, input, new Date(now), dryRun),
  };
  return Object.fromEntries(
    Object.entries(activities).map(([name, work]) => [
      name,
      heartbeating(work as (...a: unknown[]) => Promise<unknown>),
    ]),
  ) as unknown as ErasureActivities;
}
