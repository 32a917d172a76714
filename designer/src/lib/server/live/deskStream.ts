import type { DeskMessage } from '$lib/components/desk/deskChange';
import { relais } from '../relais';
import { closeOnShutdown } from '../shutdown';
import { DeskFeed } from './deskFeed';
import { sseRetry } from './sse';

/** A tick carries the current second as the stream's id, so a quiet stream resumes from near now. */
const tickMs = 15_000;
const encoder = new TextEncoder();

/** One SSE message; its id is the second a reconnecting browser resumes from. */
const sseMessage = (message: DeskMessage, second: number): Uint8Array =>
  encoder.encode(`id: ${second}\ndata: ${JSON.stringify(message)}\n\n`);

/** An SSE response carrying every desk change from after second `after`, or from now. */
export async function openDeskStream(feed: DeskFeed, after: number | null): Promise<Response> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let done = false;
  let unsubscribe = () => {};
  const write = (chunk: Uint8Array) => {
    if (!done) controller.enqueue(chunk);
  };
  const end = () => {
    if (done) return;
    done = true;
    clearInterval(ticker);
    unsubscribe();
    closing.delete(close);
  };
  const close = () => {
    end();
    try {
      controller.close();
    } catch {
      // Already closed by the browser going away.
    }
  };
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: end,
  });
  write(sseRetry(2000));
  const ticker = setInterval(
    () => write(sseMessage({ kind: 'tick' }, Math.floor(Date.now() / 1000))),
    tickMs,
  );
  closing.add(close);
  try {
    unsubscribe = await feed.subscribe(
      {
        send: (changes, second) => write(sseMessage({ kind: 'changes', changes }, second)),
        resync: (second) => write(sseMessage({ kind: 'resync' }, second)),
      },
      after,
    );
  } catch (err) {
    console.error('[live] cannot open a desk stream:', err);
    end();
    return new Response(JSON.stringify({ code: 'unavailable', message: 'try again shortly' }), {
      status: 503,
      headers: { 'content-type': 'application/json', 'retry-after': '5' },
    });
  }
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  });
}

/** Open streams' closers: a stream never ends by itself, and adapter-node waits for them. */
const closing = new Set<() => void>();

let feed: Promise<DeskFeed> | undefined;

/** The process's one desk feed, created with the first stream. */
export function deskFeed(): Promise<DeskFeed> {
  feed ??= relais().then(({ stores }) => {
    const created = new DeskFeed(stores.timeline);
    const closeAll = () => {
      created.stop();
      for (const close of [...closing]) close();
    };
    process.once('SIGTERM', closeAll);
    process.once('SIGINT', closeAll);
    closeOnShutdown(async () => closeAll());
    return created;
  });
  return feed;
}
