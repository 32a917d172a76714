import { presenceBeatMs } from '$worker/chat/chatAbandon';
import { firstName, lastReplyAt, typingAgent } from '$worker/chat/chatTyping';
import type { ChatVisitor } from '$worker/chat/visitorToken';
import { sweepAbandonedChats } from '$lib/server/live/chatAbandonSweeper';
import { deskFeed } from '$lib/server/live/deskStream';
import { sseComment, sseRetry } from '$lib/server/live/sse';
import type { Relais } from '$lib/server/relais';
import type { ChatView } from './chatApi';
import { chatView } from './conversation.server';

/** The queue position and expected wait move with the router, not the timeline: re-read them. */
const refreshMs = 10_000;
/** Typing marks live in MongoDB (the agent may be on another designer process): read them often. */
const typingReadMs = 1_000;
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
 * Views are small; sending the whole keeps the widget free of merging. With it go the agent
 * typing a reply, and, while the visitor waits for a first answer, their presence: an open stream
 * is a visitor still there, and one gone for long enough abandons the case.
 */
export async function openChatStream(
  r: Relais,
  visitor: ChatVisitor,
  caseId: string,
): Promise<Response> {
  const feed = await deskFeed();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let done = false;
  let last = '';
  let reading: Promise<void> | null = null;
  let again = false;
  let view: ChatView | null = null;
  let typing: string | null = null;
  const write = (chunk: Uint8Array) => {
    if (!done) controller.enqueue(chunk);
  };
  const send = () => {
    if (!view) return;
    const data = JSON.stringify({ ...view, typing });
    if (data === last) return;
    last = data;
    write(encoder.encode(`data: ${data}\n\n`));
  };
  const names = new Map<string, string>();
  const firstNameOf = async (userId: string) => {
    if (!names.has(userId))
      names.set(userId, firstName((await r.stores.users.get(userId))?.name ?? ''));
    return names.get(userId) ?? '';
  };
  const readTyping = async () => {
    const typists = await r.stores.caseViewers.typists(caseId);
    const agent = typingAgent(typists, lastReplyAt(view?.lines ?? []));
    const name = agent === null ? '' : await firstNameOf(agent);
    typing = name === '' ? null : name;
    send();
  };
  const markPresent = async () => {
    if (view?.promise) await r.stores.chatPresence.seen(caseId);
  };
  const guard = (what: string, work: () => Promise<void>) => () =>
    void work().catch((err: unknown) => console.warn(`[chat] ${what} failed:`, err));
  // One read at a time; changes landing meanwhile ask for one more read after it.
  const refresh = () => {
    if (reading) {
      again = true;
      return;
    }
    reading = chatView(r, visitor)
      .then(async (next) => {
        const first = view === null;
        view = next;
        await readTyping();
        if (first) await markPresent();
      })
      .catch((err: unknown) => console.warn('[chat] reading a conversation failed:', err))
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
    clearInterval(typingReader);
    clearInterval(presence);
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
  const typingReader = setInterval(guard('reading who types', readTyping), typingReadMs);
  const presence = setInterval(
    guard('marking the visitor present', markPresent),
    presenceBeatMs(r.config.RELAIS_CHAT_ABANDON_SECONDS),
  );
  sweepAbandonedChats(r);
  closeAllOnSignal();
  closing.add(close);
  unsubscribe = await feed.subscribe(
    {
      send: (changes) => {
        if (changes.some((c) => c.caseId === caseId)) refresh();
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
