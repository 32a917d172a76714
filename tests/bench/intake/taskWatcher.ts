import type { Collection, Document } from 'mongodb';
import { setTimeout as sleep } from 'node:timers/promises';

interface Watched {
  postedAt: number;
  seenAt: number | null;
  dueAt: string | null;
}

/**
 * Watches the `tasks` collection for the main task of each accepted contact (its `_id` is the
 * case id): one read by `_id` each, the oldest first and at most `batch` per pass, so that the
 * watching adds little load to the store it measures.
 */
export class TaskWatcher {
  private readonly watched = new Map<string, Watched>();
  private readonly pending = new Set<string>();
  private running = true;
  private readonly loop: Promise<void>;

  constructor(
    private readonly tasks: Collection<Document>,
    private readonly batch = 40,
    private readonly pauseMs = 100,
  ) {
    this.loop = this.poll();
  }

  watch(caseId: string, postedAt: number): void {
    if (this.watched.has(caseId)) return;
    this.watched.set(caseId, { postedAt, seenAt: null, dueAt: null });
    this.pending.add(caseId);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  private async poll(): Promise<void> {
    while (this.running) {
      const ids = [...this.pending].slice(0, this.batch);
      await Promise.all(
        ids.map(async (id) => {
          const doc = await this.tasks
            .findOne({ _id: id as unknown as Document['_id'] }, { projection: { dueAt: 1 } })
            .catch(() => null);
          const w = this.watched.get(id);
          if (!doc || !w) return;
          w.seenAt = Date.now();
          w.dueAt = typeof doc.dueAt === 'string' ? doc.dueAt : null;
          this.pending.delete(id);
        }),
      );
      await sleep(this.pauseMs);
    }
  }

  /** Waits until every watched task is visible or `timeoutMs` passed; the time of the last seen. */
  async drain(
    timeoutMs: number,
    progress?: (pending: number) => void,
  ): Promise<{ lastSeenAt: number | null; missing: number }> {
    const deadline = Date.now() + timeoutMs;
    let lastReport = Date.now();
    while (this.pending.size > 0 && Date.now() < deadline) {
      if (progress && Date.now() - lastReport > 10_000) {
        progress(this.pending.size);
        lastReport = Date.now();
      }
      await sleep(100);
    }
    const seen = [...this.watched.values()]
      .map((w) => w.seenAt)
      .filter((t): t is number => t !== null);
    return { lastSeenAt: seen.length ? Math.max(...seen) : null, missing: this.pending.size };
  }

  /** POST → task visible, ms, for each task seen. */
  endToEnd(): number[] {
    return [...this.watched.values()].flatMap((w) =>
      w.seenAt === null ? [] : [w.seenAt - w.postedAt],
    );
  }

  dueAt(caseId: string): string | null {
    return this.watched.get(caseId)?.dueAt ?? null;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}
