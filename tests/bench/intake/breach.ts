import type { Db, Document } from 'mongodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { chatContact } from './contacts';
import type { IntakeAnswer } from './relaisIntake';
import type { Contact } from './contacts';
import { summarise, type LatencySummary } from './stats';

export interface BreachResult {
  sent: number;
  accepted: number;
  /** Refusals (429/503) that the burst retried, as a connector would. */
  retried: number;
  breached: number;
  /** `promise-breached` event time minus the task's due time, ms. */
  lateness: LatencySummary;
  /** The promise the rules gave, from the tasks: due time minus opening, seconds (p50). */
  promiseSeconds: number | null;
}

/**
 * A burst of `size` chat contacts at once, none answered: each case's first-response promise
 * (a minute) breaches, and the breach is recorded on its timeline. Lateness is the recorded time
 * of the breach after the due time on the case's task.
 */
export async function breachBurst(
  db: Db,
  intake: (c: Contact) => Promise<IntakeAnswer>,
  run: string,
  size: number,
  progress: (line: string) => void,
): Promise<BreachResult> {
  const start = new Date();
  let retried = 0;
  const caseIds = (
    await Promise.all(
      Array.from({ length: size }, async (_, n) => {
        for (let attempt = 0; attempt < 30; attempt += 1) {
          const answer = await intake(chatContact(run, n)).catch(() => null);
          if (answer?.status === 202) return answer.caseId;
          if (answer && answer.status !== 429 && answer.status !== 503) return null;
          retried += 1;
          await sleep(1_000);
        }
        return null;
      }),
    )
  ).filter((id): id is string => id !== null);
  progress(
    `breach burst: ${caseIds.length}/${size} accepted in ${((Date.now() - start.getTime()) / 1000).toFixed(1)} s; waiting for the breaches`,
  );
  const events = db.collection('events');
  const tasks = db.collection<Document>('tasks');
  const wanted = new Set(caseIds);
  const breachedAt = new Map<string, Date>();
  const deadline = Date.now() + 10 * 60_000;
  let lastCount = -1;
  while (breachedAt.size < wanted.size && Date.now() < deadline) {
    await sleep(5_000);
    const found = await events
      .find({ type: 'promise-breached', at: { $gte: start } }, { projection: { caseId: 1, at: 1 } })
      .toArray();
    for (const e of found)
      if (wanted.has(e.caseId as string) && !breachedAt.has(e.caseId as string))
        breachedAt.set(e.caseId as string, e.at as Date);
    if (breachedAt.size !== lastCount)
      progress(`breach burst: ${breachedAt.size}/${wanted.size} breaches recorded`);
    lastCount = breachedAt.size;
  }
  const lateness: number[] = [];
  const promises: number[] = [];
  for (const [caseId, at] of breachedAt) {
    const task = await tasks.findOne(
      { _id: caseId as unknown as Document['_id'] },
      { projection: { dueAt: 1, openedAt: 1 } },
    );
    const due = typeof task?.dueAt === 'string' ? Date.parse(task.dueAt) : NaN;
    if (!Number.isFinite(due)) continue;
    lateness.push(at.getTime() - due);
    const opened = typeof task?.openedAt === 'string' ? Date.parse(task.openedAt) : NaN;
    if (Number.isFinite(opened)) promises.push((due - opened) / 1000);
  }
  return {
    sent: size,
    accepted: caseIds.length,
    retried,
    breached: breachedAt.size,
    lateness: summarise(lateness),
    promiseSeconds: summarise(promises).p50,
  };
}
