/**
 * Idempotency keys for activities: workflow id + step name + occurrence. Replay runs the same
 * steps in the same order, so a retried or replayed activity presents the same key and the
 * activity can ignore it.
 */
export class StepKeys {
  private readonly seen = new Map<string, number>();

  constructor(private readonly workflowId: string) {}

  next(step: string): string {
    const n = (this.seen.get(step) ?? 0) + 1;
    this.seen.set(step, n);
    // Zero-padded so keys sort in step order wherever events share a timestamp.
    return `${this.workflowId}:${step}:${String(n).padStart(5, '0')}`;
  }
}
