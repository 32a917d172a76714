import { DeskMessageSchema, type DeskChange } from './deskChange';

/** Called with the changes that matter to the page, or with null after a resync. */
type Listener = (changes: DeskChange[] | null) => void;

const reopenAfterMs = 3000;

/**
 * The page's one connection to GET /api/live/desk. The browser reconnects an EventSource by
 * itself, sending Last-Event-ID (the last second seen), and the server replays what it missed;
 * when it gives up (the server answered an error), a new one resumes from that second.
 */
class DeskStream {
  open = $state(false);
  private source: EventSource | null = null;
  private readonly listeners = new Set<Listener>();
  private lastSecond: string | null = null;
  private reopen: ReturnType<typeof setTimeout> | undefined;

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.source) this.connect();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  private connect(): void {
    const url =
      this.lastSecond === null ? '/api/live/desk' : `/api/live/desk?after=${this.lastSecond}`;
    const source = new EventSource(url);
    this.source = source;
    source.onopen = () => (this.open = true);
    source.onmessage = (message: MessageEvent<string>) => {
      const parsed = DeskMessageSchema.safeParse(JSON.parse(message.data));
      if (!parsed.success) return;
      this.lastSecond = message.lastEventId || this.lastSecond;
      if (parsed.data.kind === 'tick') return;
      const changes = parsed.data.kind === 'changes' ? parsed.data.changes : null;
      for (const listener of this.listeners) listener(changes);
    };
    source.onerror = () => {
      this.open = false;
      if (source.readyState !== EventSource.CLOSED) return;
      this.source = null;
      clearTimeout(this.reopen);
      this.reopen = setTimeout(() => {
        if (this.listeners.size > 0 && !this.source) this.connect();
      }, reopenAfterMs);
    };
  }

  private close(): void {
    clearTimeout(this.reopen);
    this.source?.close();
    this.source = null;
    this.open = false;
  }
}

export const deskStream = new DeskStream();
