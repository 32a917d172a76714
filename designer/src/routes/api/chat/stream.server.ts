import type { ChatVisitor } from '$worker/chat/visitorToken';
import { deskFeed } from '$lib/server/live/deskStream';
import { sseComment, sseRetry } from '$lib/server/live/sse';
import type { Relais } from '$lib/server/relais';
import type { ChatView } from './chatApi';
import { chatView } from './conversation.server';

/** The queue position and expected wait move with the router, not the timeline: re-read them. */
const refreshMs = 10_000;
const encoder = new TextEncoder();

/** Open visitor streams' closers: adapter-node waits for open responses before it exits. */
const closing = new Set<() => void>();
let hooked = false;

function closeAllOnSignal() {
  if (hooked) return;
  hooked = true;
  const closeAll = () => [...closing].forEach((close) => close());
  process.once('SIGTERM', closeAll);
  process.once('SIGINT', closeAll);
}

/**
 * The visitor's conversation as Server-Sent Events: the whole view now, then again each time
 * something lands on their case (the desk's change feed, filtered to it) or the queue moves.
 * Views are small; sending the whole keeps the widget free of merging.
 */
export async function openChatStream(r: Relais, visitor: ChatVisitor): Promise<Response> {
  const feed = await deskFeed();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let done = false;
  let last = '';
  let reading: Promise<void> | null = null;
  let again = false;
  const write = (chunk: Uint8Array) => {
    if (!done) controller.enqueue(chunk);
  };
  const send = (view: ChatView) => {
    const data = JSON.stringify(view);
    if (data === last) return;
    last = data;
    write(encoder.encode(`data: ${data}\n\n`));
  };
  // One read at a time; changes landing meanwhile ask for one more read after it.
  const refresh = () => {
    if (reading) {
      again = true;
      return;
    }
    reading = chatView(r, visitor)
      .then(send, (err: unknown) => console.warn('[chat] reading a conversation failed:', err))
      .finally(() => {
        reading = null;
        if (again && !done) {
          again = false;
          refresh();
        }
      });
  };
  let unsubscribe = () => {};
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
  const ticker = setInterval(() => {
    write(sseComment('tick'));
    refresh();
  }, refreshMs);
  closeAllOnSignal();
  closing.add(close);
  unsubscribe = await feed.subscribe(
    {
      send: (changes) => {
        if (changes.some((c) => c.caseId === visitor.caseId)) refresh();
      },
      resync: refresh,
    },
    null,
  );
  refresh();
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  });
}
