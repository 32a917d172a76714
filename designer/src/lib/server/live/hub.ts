import { z } from 'zod';
import type { RouterClient } from '$worker/routing/routerClient';
import type { RoutingEvent } from '$workflows/contracts/routing';
import type { SessionUser } from '$lib/user';
import { relais } from '../relais';
import { closeOnShutdown } from '../shutdown';
import { audienceFilter } from './audience';
import { ConnectionPresence } from './connectionPresence';
import { sseComment, sseEvents, sseRetry } from './sse';
import { routerClient } from './router';
import { RoutingEventTail, type RoutingEventLog } from './tail';

const heartbeatMs = 15_000;

/** How long a desk may be gone before its agent is Away; tests shorten the 60 s. */
const awayAfterSeconds = z.coerce
  .number()
  .int()
  .min(1)
  .default(60)
  .parse(process.env.RELAIS_DESK_AWAY_AFTER_SECONDS || undefined);

interface OpenStream {
  close(): void;
}

/**
 * The designer process's live side: one tail of the routing events, the open streams it feeds,
 * and the presence those streams stand for.
 */
export class LiveHub {
  private readonly tail: RoutingEventTail;
  private readonly presence: ConnectionPresence;
  private readonly streams = new Set<OpenStream>();
  /** Agents being set back to Available, so several of their streams ask once. */
  private readonly restoring = new Set<string>();
  private closing = false;

  constructor(
    log: RoutingEventLog,
    private readonly router: RouterClient,
    opts: { disconnectedAfterMs?: number } = {},
  ) {
    this.tail = new RoutingEventTail(log);
    this.presence = new ConnectionPresence(
      (agentId) => void this.awayIfStillGone(agentId),
      opts.disconnectedAfterMs,
    );
  }

  /**
   * An SSE response carrying the routing events `user` may see, from after `after` (the
   * browser's Last-Event-ID) or from now; 503 when the events cannot be read.
   */
  async open(user: SessionUser, after: number | null): Promise<Response> {
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    let done = false;
    let unsubscribe = () => {};
    const write = (chunk: Uint8Array) => {
      if (!done) controller.enqueue(chunk);
    };
    const stream: OpenStream = {
      close: () => {
        end();
        try {
          controller.close();
        } catch {
          // Already closed by the browser going away.
        }
      },
    };
    const end = () => {
      if (done) return;
      done = true;
      clearInterval(heartbeat);
      unsubscribe();
      this.streams.delete(stream);
      if (!this.closing) this.presence.disconnected(user.id);
    };
    const body = new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c;
      },
      cancel: end,
    });
    write(sseRetry(2000));
    const heartbeat = setInterval(() => write(sseComment('heartbeat')), heartbeatMs);
    this.presence.connected(user.id);
    this.streams.add(stream);
    try {
      unsubscribe = await this.tail.subscribe(
        {
          sees: audienceFilter(user),
          send: (events) => {
            write(sseEvents(events));
            this.noticePresence(user.id, events);
          },
        },
        after,
      );
    } catch (err) {
      console.error('[live] cannot open a stream:', err);
      end();
      return new Response(JSON.stringify({ code: 'unavailable', message: 'try again shortly' }), {
        status: 503,
        headers: { 'content-type': 'application/json', 'retry-after': '5' },
      });
    }
    write(sseComment('connected'));
    void this.backIfDisconnected(user.id, null);
    return new Response(body, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      },
    });
  }

  /** Ends every stream (their browsers reconnect elsewhere) and stops reading and timing. */
  close(): void {
    this.closing = true;
    this.presence.stop();
    for (const stream of [...this.streams]) stream.close();
    this.tail.stop();
  }

  /** The router marked an agent Away "disconnected" while this process holds their stream. */
  private noticePresence(agentId: string, events: readonly RoutingEvent[]): void {
    const last = events.findLast((e) => e.kind === 'presence' && e.agentId === agentId);
    if (last?.kind === 'presence')
      void this.backIfDisconnected(agentId, last.presence === 'away' ? last.reason : null);
  }

  /**
   * Away "disconnected" is never the agent's choice: while their desk has a stream open it is
   * wrong, so they are Available again. `reason` is the one just seen, or null to ask the router.
   */
  private async backIfDisconnected(agentId: string, reason: string | null): Promise<void> {
    if (this.restoring.has(agentId)) return;
    this.restoring.add(agentId);
    try {
      if (reason === null) {
        const agent = (await this.router.snapshot())?.agents.find((a) => a.agentId === agentId);
        if (agent?.presence !== 'away' || agent.awayReason !== 'disconnected') return;
      } else if (reason !== 'disconnected') return;
      if (!this.presence.isConnected(agentId)) return;
      await this.router.setPresence({ agentId, presence: 'available', reason: null });
    } catch (err) {
      console.error(`[live] cannot set ${agentId} back to Available:`, err);
    } finally {
      this.restoring.delete(agentId);
    }
  }

  /** The agent's desk has had no stream for the grace period: Away, unless they chose otherwise. */
  private async awayIfStillGone(agentId: string): Promise<void> {
    try {
      const agent = (await this.router.snapshot())?.agents.find((a) => a.agentId === agentId);
      if (agent?.presence !== 'available' || this.presence.isConnected(agentId)) return;
      await this.router.setPresence({ agentId, presence: 'away', reason: 'disconnected' });
    } catch (err) {
      console.error(`[live] cannot set ${agentId} Away after their desk disconnected:`, err);
    }
  }
}

let hub: Promise<LiveHub> | undefined;

/** The process's one hub, created with the first stream. */
export function liveHub(): Promise<LiveHub> {
  hub ??= Promise.all([relais(), routerClient()]).then(([{ stores }, router]) => {
    const created = new LiveHub(stores.routingEvents, router, {
      disconnectedAfterMs: awayAfterSeconds * 1000,
    });
    // adapter-node's close() waits for open requests, and a stream never ends by itself.
    const closeStreams = () => created.close();
    process.once('SIGTERM', closeStreams);
    process.once('SIGINT', closeStreams);
    closeOnShutdown(async () => created.close());
    return created;
  });
  return hub;
}
