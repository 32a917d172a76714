import { RoutingEventSchema, type RoutingEvent } from '$workflows/contracts/routing';

export type LiveStatus = 'connecting' | 'open' | 'reconnecting';
type Listener = (event: RoutingEvent) => void;

/** After the server refused or ended the stream for good (e.g. a restart), try again after this. */
const reopenAfterMs = 3000;

/**
 * The page's one connection to GET /api/live, shared by the desk and the live view. The
 * browser reconnects an EventSource by itself, sending Last-Event-ID; when it gives up (the
 * server answered an error), a new one resumes from the last event seen.
 */
class LiveStream {
  status = $state<LiveStatus>('connecting');
  /** True while some part of the page listens (the desk of an agent, the live view). */
  active = $state(false);
  private source: EventSource | null = null;
  private readonly listeners = new Set<Listener>();
  private lastSeq: number | null = null;
  private reopen: ReturnType<typeof setTimeout> | undefined;

  /** Calls `listener` with every event this user may see; the stream opens with the first. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    this.active = true;
    if (!this.source) this.open();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  private open(): void {
    const url = this.lastSeq === null ? '/api/live' : `/api/live?after=${this.lastSeq}`;
    const source = new EventSource(url);
    this.source = source;
    source.onopen = () => (this.status = 'open');
    source.onmessage = (message: MessageEvent<string>) => {
      const parsed = RoutingEventSchema.safeParse(JSON.parse(message.data));
      if (!parsed.success) return;
      this.lastSeq = parsed.data.seq;
      for (const listener of this.listeners) listener(parsed.data);
    };
    source.onerror = () => {
      this.status = 'reconnecting';
      if (source.readyState !== EventSource.CLOSED) return;
      this.source = null;
      clearTimeout(this.reopen);
      this.reopen = setTimeout(() => {
        if (this.listeners.size > 0 && !this.source) this.open();
      }, reopenAfterMs);
    };
  }

  private close(): void {
    clearTimeout(this.reopen);
    this.source?.close();
    this.source = null;
    this.status = 'connecting';
    this.active = false;
  }
}

export const liveStream = new LiveStream();
