import type { CaseViewersMessage } from '$lib/components/desk/caseViewersMessage';
import { chatVisitorViewer } from '$worker/store/caseViewers';
import type { Stores } from '$worker/store/stores';
import { closeOnShutdown } from '../shutdown';
import { sseComment, sseRetry } from './sse';

/**
 * How often a stream re-reads the case's viewers: FerretDB has no change streams, and the other
 * viewers may be served by another designer process, so each stream reads the shared entries.
 */
const readEveryMs = 1_000;
/** Well within the entry's expiry (`viewerTtlMs`). */
const beatEveryMs = 10_000;
const encoder = new TextEncoder();

const closing = new Set<() => void>();
closeOnShutdown(async () => {
  for (const close of [...closing]) close();
});

/**
 * An SSE response that keeps `userId` on the case's viewers while it is open (its beats are the
 * page's heartbeat) and sends the other viewers, by name, each time they change, and whether
 * the chat visitor is typing.
 */
export function openCaseViewersStream(stores: Stores, caseId: string, userId: string): Response {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let done = false;
  let last = '';
  const names = new Map<string, string>();
  const nameOf = async (id: string) => {
    if (!names.has(id)) names.set(id, (await stores.users.get(id))?.name ?? '');
    return names.get(id) ?? '';
  };
  const write = (chunk: Uint8Array) => {
    if (!done) controller.enqueue(chunk);
  };
  const send = async () => {
    const viewers = await stores.caseViewers.viewers(caseId, userId);
    const message: CaseViewersMessage = {
      viewers: (
        await Promise.all(
          viewers
            .filter((v) => v.userId !== chatVisitorViewer)
            .map(async (v) => ({ name: await nameOf(v.userId), typing: v.typing })),
        )
      ).filter((v) => v.name !== ''),
      customerTyping: viewers.some((v) => v.userId === chatVisitorViewer && v.typing),
    };
    const data = JSON.stringify(message);
    if (data === last) return;
    last = data;
    write(encoder.encode(`data: ${data}\n\n`));
  };
  const beat = () => stores.caseViewers.beat(caseId, userId, false);
  const guard = (work: () => Promise<void>) => () =>
    void work().catch((err: unknown) => console.error('[live] case viewers:', err));
  const reader = setInterval(guard(send), readEveryMs);
  const beater = setInterval(
    guard(async () => {
      await beat();
      write(sseComment('beat'));
    }),
    beatEveryMs,
  );
  const end = () => {
    if (done) return;
    done = true;
    clearInterval(reader);
    clearInterval(beater);
    closing.delete(close);
    guard(() => stores.caseViewers.leave(caseId, userId))();
  };
  const close = () => {
    end();
    try {
      controller.close();
    } catch {
      // Already closed by the browser going away.
    }
  };
  closing.add(close);
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
      write(sseRetry(2000));
      guard(async () => {
        await beat();
        await send();
      })();
    },
    cancel: end,
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  });
}
