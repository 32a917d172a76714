import type { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import proto from '@temporalio/proto';
import type { Db } from 'mongodb';
import { z } from 'zod';
import { caseWorkflowId } from '../../../workflows/contracts/customer';
import { activityRun } from '../../support/historyActivities';
import { type LatencySummary, summarise } from '../intake/stats';

// The package is CommonJS: named imports fail under node's ESM loader.
const { EventType } = proto.temporal.api.enums.v1;

/** One offer's way from the 202 to the tail, wall-clock ms; null where it could not be read. */
export interface OfferTrace {
  answered: number;
  caseStarted: number | null;
  decided: number | null;
  stepsStarted: number | null;
  handedOver: number | null;
  offerDecided: number | null;
  stored: number | null;
  seen: number;
}

type Milestone = Exclude<keyof OfferTrace, 'answered'>;

/** Each stage ends at a milestone and starts at the one before it (the 202 first). */
export const stages: readonly { end: Milestone; label: string }[] = [
  { end: 'caseStarted', label: '202 → case workflow started (negative: before the 202)' },
  {
    end: 'decided',
    label: 'case started → decision made (decideCase done, local since decide-local)',
  },
  {
    end: 'stepsStarted',
    label: 'decision → signal to the router sent (workflow task; before: runSteps started)',
  },
  {
    end: 'handedOver',
    label: 'signal delivered (before: runSteps: ack, task, timeline, then signal-with-start)',
  },
  { end: 'offerDecided', label: 'hand-over done → offer decided (router workflow task)' },
  { end: 'stored', label: 'offer decided → its write starts (publishRoutingEvents)' },
  { end: 'seen', label: 'write → seen on the tail (insert, then its poll)' },
];

export interface StageFigure {
  label: string;
  /** This stage's own duration, ms. */
  own: LatencySummary;
  /** Its end, ms after the 202. */
  fromAnswer: LatencySummary;
}

/**
 * Per stage, its own duration and how long after the 202 it ends, over the offers whose every
 * milestone was read, so that the stages of one row add up to the offer latency.
 */
export function stageFigures(traces: readonly OfferTrace[]): StageFigure[] {
  const complete = traces.filter((t) => stages.every((s) => t[s.end] !== null));
  return stages.map((s, i) => {
    const start = (t: OfferTrace) => (i === 0 ? t.answered : t[stages[i - 1]!.end]!);
    return {
      label: s.label,
      own: summarise(complete.map((t) => t[s.end]! - start(t))),
      fromAnswer: summarise(complete.map((t) => t[s.end]! - t.answered)),
    };
  });
}

/**
 * When the case began, its decision came back, and its hand-over to the router began and ended:
 * its signal to the router sent and delivered ('route-at-decision'), else its runSteps started
 * and finished (the hand-over its last step).
 */
export async function caseMilestones(
  client: Client,
  caseId: string,
): Promise<Pick<OfferTrace, 'caseStarted' | 'decided' | 'stepsStarted' | 'handedOver'>> {
  const history = await client.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory();
  const events = history.events ?? [];
  const typeOf = new Map<number, string>();
  const out = { caseStarted: null, decided: null, stepsStarted: null, handedOver: null } as Pick<
    OfferTrace,
    'caseStarted' | 'decided' | 'stepsStarted' | 'handedOver'
  >;
  let signalSent: number | null = null;
  let signalDone: number | null = null;
  for (const e of events) {
    const at = tsToMs(e.eventTime);
    const id = Number(e.eventId);
    if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) out.caseStarted = at;
    if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
      typeOf.set(id, e.activityTaskScheduledEventAttributes?.activityType?.name ?? '');
    const started = e.activityTaskStartedEventAttributes;
    if (started && typeOf.get(Number(started.scheduledEventId)) === 'runSteps')
      out.stepsStarted ??= at;
    const done = e.activityTaskCompletedEventAttributes;
    const doneType = done ? typeOf.get(Number(done.scheduledEventId)) : undefined;
    // A local decision ('decide-local') is in the marker of the workflow task that took it.
    if (doneType === 'decideCase' || activityRun(e) === 'decideCase (local)') out.decided ??= at;
    if (doneType === 'runSteps') out.handedOver ??= at;
    if (e.signalExternalWorkflowExecutionInitiatedEventAttributes) signalSent ??= at;
    if (e.externalWorkflowExecutionSignaledEventAttributes) signalDone ??= at;
  }
  if (signalSent !== null && signalDone !== null)
    return { ...out, stepsStarted: signalSent, handedOver: signalDone };
  return out;
}

const StoredOfferSchema = z.object({ caseId: z.string(), storedAt: z.date() });

/** When each case's first offer was written (`storedAt` of its `offer-created` event). */
export async function offersStored(
  db: Db,
  caseIds: readonly string[],
): Promise<Map<string, number>> {
  const docs = await db
    .collection('routingEvents')
    .find({ kind: 'offer-created', caseId: { $in: [...caseIds] } })
    .project({ _id: 0, caseId: 1, storedAt: 1 })
    .toArray();
  const out = new Map<string, number>();
  for (const doc of docs) {
    const parsed = StoredOfferSchema.safeParse(doc);
    if (!parsed.success) continue;
    const at = parsed.data.storedAt.getTime();
    const known = out.get(parsed.data.caseId);
    if (known === undefined || at < known) out.set(parsed.data.caseId, at);
  }
  return out;
}

/**
 * The traces of `caseIds` that were offered: the bench's own times (202, offer seen), the
 * router's (offer decided), the case's history and the store's `storedAt`. Read one case at a
 * time once the phase is over, so the reading does not load the phase it measures.
 */
export async function offerTraces(
  client: Client,
  db: Db,
  wallTimes: (caseId: string) => Pick<OfferTrace, 'answered' | 'offerDecided' | 'seen'> | null,
  caseIds: readonly string[],
): Promise<OfferTrace[]> {
  const stored = await offersStored(db, caseIds);
  const traces: OfferTrace[] = [];
  for (const caseId of caseIds) {
    const times = wallTimes(caseId);
    if (!times) continue;
    const milestones = await caseMilestones(client, caseId).catch(() => null);
    traces.push({
      caseStarted: null,
      decided: null,
      stepsStarted: null,
      handedOver: null,
      ...milestones,
      ...times,
      stored: stored.get(caseId) ?? null,
    });
  }
  return traces;
}
