/**
 * Counts each agent's open live streams in this process; when the last one has been closed for
 * `graceMs`, calls `gone` (which sets them Away "disconnected").
 *
 * A per-process count is enough: a desk holds one stream to one process, and a browser whose
 * stream drops reconnects within seconds, to this process or another. When it lands on another,
 * this timer may still fire, but the process that holds the stream sees the resulting presence
 * event and sets the agent back to Available at once (`LiveHub`), so no shared connection
 * registry is needed.
 */
export class ConnectionPresence {
  private readonly open = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly gone: (agentId: string) => void,
    private readonly graceMs = 60_000,
  ) {}

  connected(agentId: string): void {
    this.open.set(agentId, (this.open.get(agentId) ?? 0) + 1);
    clearTimeout(this.timers.get(agentId));
    this.timers.delete(agentId);
  }

  disconnected(agentId: string): void {
    const left = (this.open.get(agentId) ?? 1) - 1;
    if (left > 0) {
      this.open.set(agentId, left);
      return;
    }
    this.open.delete(agentId);
    clearTimeout(this.timers.get(agentId));
    this.timers.set(
      agentId,
      setTimeout(() => {
        this.timers.delete(agentId);
        if (!this.open.has(agentId)) this.gone(agentId);
      }, this.graceMs),
    );
  }

  isConnected(agentId: string): boolean {
    return this.open.has(agentId);
  }

  /** Shutdown: the agents' browsers reconnect to another process, which counts them. */
  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.open.clear();
  }
}
