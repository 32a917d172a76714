import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { DeskMessage } from '../../designer/src/lib/components/desk/deskChange';
import type { TimelineEvent } from '../../workflows/contracts/timeline';
import { startDevStack, type DevStack } from '../support/devStack';
import { backlogTask } from '../support/taskFixtures';
import { launchChromium, patience, polling, screenshot, signedInPage } from './support/browser';

/**
 * The desk without reloads, end to end: the real worker, the built designer, real Chromium on
 * the desk's Server-Sent Events. Each test makes its own customer and case.
 */

let browser: Browser;
let stack: DevStack;
let url: string;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startDevStack({ designer: true });
  url = stack.designer!.url;
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function asAgent(width = 1440): Promise<Page> {
  const page = await signedInPage(browser, url, 'agent', 'relais-agent');
  await page.setViewportSize({ width, height: 900 });
  onTestFinished(() => page.context().close());
  return page;
}

/** Marks the page's window: the mark survives only if the page never reloads. */
const markWindow = (page: Page) =>
  page.evaluate(() => ((globalThis as unknown as { stayed: boolean }).stayed = true));
const stayed = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { stayed?: boolean }).stayed === true);

/** What the page's script uses of the DOM (the tests compile without the DOM library). */
interface BrowserDom {
  document: {
    querySelectorAll(selector: string): Iterable<{ textContent: string | null }>;
    body: unknown;
  };
  MutationObserver: new (
    callback: (records: unknown, observer: { disconnect(): void }) => void,
  ) => { observe(target: unknown, options: object): void };
}

/**
 * Resolves with the browser's clock when an element matching `selector` first holds `text`: a
 * MutationObserver set up before the change, so the moment is the page's, not the test's poll.
 */
function whenShown(page: Page, selector: string, text: string): Promise<number> {
  return page.evaluate(
    ([sel, txt]) =>
      new Promise<number>((resolve) => {
        const dom = globalThis as unknown as BrowserDom;
        const shown = () =>
          [...dom.document.querySelectorAll(sel)].some((el) => el.textContent?.includes(txt));
        if (shown()) return resolve(Date.now());
        new dom.MutationObserver((_, observer) => {
          if (!shown()) return;
          observer.disconnect();
          resolve(Date.now());
        }).observe(dom.document.body, { childList: true, subtree: true, characterData: true });
      }),
    [selector, text] as const,
  );
}

/** The moment the test first sees a timeline entry of the case stored (polled every 25 ms). */
async function storedAt(caseId: string, matches: (e: TimelineEvent) => boolean): Promise<number> {
  const deadline = Date.now() + patience.timeout;
  while (Date.now() < deadline) {
    if ((await stack.relais.stores.timeline.forCase(caseId)).some(matches)) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no such timeline entry on case ${caseId}`);
}

async function postChat(body: Record<string, unknown>): Promise<{ caseId: string; at: number }> {
  const res = await fetch(`${url}/api/inbound/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.designer!.auth },
    body: JSON.stringify({ messageId: randomUUID(), lang: 'fr', ...body }),
  });
  const at = Date.now();
  const text = await res.text();
  expect(res.status, text).toBe(202);
  return { caseId: (JSON.parse(text) as { caseId: string }).caseId, at };
}

function newCustomer() {
  const tag = randomUUID().slice(0, 8);
  return {
    customer: { email: `desk-live-${tag}@exemple.fr`, name: 'Chloé Martin' },
    subject: `Colis jamais arrivé ${tag}`,
    tag,
  };
}

/** Waits until the desk stream of `page` is open. */
async function streamOpen(page: Page) {
  await expect
    .poll(() => page.getByTestId('desk-live').getAttribute('data-open'), polling)
    .toBe('true');
}

describe('the live desk', () => {
  it('shows a new contact on an open task list and a new message on an open case page within 1 s, without a reload', async () => {
    const { customer, subject, tag } = newCustomer();
    const list = await asAgent();
    await list.goto(`${url}/tasks`, patience);
    await streamOpen(list);
    await markWindow(list);

    const rowShown = whenShown(list, 'tr', subject);
    const { caseId, at: postedAt } = await postChat({
      customer,
      subject,
      text: 'Bonjour, où est mon colis ?',
    });
    const taskStored = await storedAt(caseId, (e) => e.type === 'task-created');
    const rowAt = await rowShown;
    // The list re-read itself once the case's task was written: no reload, no 5 s poll.
    expect(rowAt - taskStored).toBeLessThan(1000);
    expect(await stayed(list)).toBe(true);
    console.log(
      `[liveDesk] new contact on the list ${rowAt - taskStored} ms after its task, ${rowAt - postedAt} ms after the inbound 202`,
    );
    await screenshot(list, 'live-desk-list-1440');

    const casePage = await asAgent();
    await casePage.goto(`${url}/cases/${caseId}`, patience);
    await streamOpen(casePage);
    await markWindow(casePage);
    const text = `Toujours rien reçu ${tag}`;
    const messageShown = whenShown(casePage, 'p', text);
    const followUp = await postChat({ customer, subject, text });
    expect(followUp.caseId).toBe(caseId);
    const sentAt = followUp.at;
    const messageStored = await storedAt(
      caseId,
      (e) => e.type === 'message-received' && e.data.text === text,
    );
    const messageAt = await messageShown;
    expect(messageAt - messageStored).toBeLessThan(1000);
    expect(await stayed(casePage)).toBe(true);
    console.log(
      `[liveDesk] new message on the case page ${messageAt - messageStored} ms after its timeline entry, ${messageAt - sentAt} ms after the inbound 202`,
    );
    await screenshot(casePage, 'live-desk-case-1440');
    await casePage.setViewportSize({ width: 390, height: 844 });
    await screenshot(casePage, 'live-desk-case-390');
  });

  it('counts down in seconds to the promise, then shows the breach and the time overdue', async () => {
    const id = `breach-${randomUUID()}`;
    const dueAt = new Date(Date.now() + 6000).toISOString();
    await stack.relais.stores.tasks.upsert(
      backlogTask(0, {
        taskId: id,
        caseId: id,
        customerName: 'Hugo Bernard',
        subject: `Promesse courte ${id.slice(7, 15)}`,
        channel: 'chat',
        queue: 'general',
        priority: 1,
        dueAt,
        openedAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      }),
    );
    const list = await asAgent(390);
    await list.goto(`${url}/tasks?view=breaching`, patience);
    const row = list.locator(`tr[data-case-id="${id}"]`);
    const clock = row.getByTestId('due-clock');
    await clock.waitFor(patience);
    await markWindow(list);
    // Seconds tick down while the promise runs…
    const first = Number(await clock.getAttribute('data-seconds'));
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(6);
    // …then the badge says it is breached, and by how long.
    await row.getByTestId('breach-badge').waitFor(patience);
    await expect
      .poll(() => clock.textContent(), polling)
      .toMatch(/en retard de \d+ s|\d+ s overdue/);
    expect(await row.getAttribute('class')).toContain('due-overdue');
    expect(await stayed(list)).toBe(true);
    await screenshot(list, 'live-desk-list-breach-390');
  });

  it('replays what a reconnecting stream missed, from its Last-Event-ID', async () => {
    const { customer, subject } = newCustomer();
    const cookie = (await (await asAgent()).context().cookies()).find(
      (c) => c.name === 'relais_session',
    );
    const before = Math.floor(Date.now() / 1000);
    // The case is written while no stream is open.
    const { caseId } = await postChat({ customer, subject, text: 'Bonjour' });
    await storedAt(caseId, (e) => e.type === 'task-created');

    const abort = new AbortController();
    onTestFinished(() => abort.abort());
    const res = await fetch(`${url}/api/live/desk`, {
      headers: {
        cookie: `relais_session=${cookie!.value}`,
        accept: 'text/event-stream',
        'last-event-id': String(before),
      },
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const types = new Set<string>();
    let buffered = '';
    while (!types.has('task-created')) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      const blocks = buffered.split('\n\n');
      buffered = blocks.pop() ?? '';
      for (const block of blocks) {
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (!data) continue;
        const message = JSON.parse(data.slice(6)) as DeskMessage;
        if (message.kind === 'changes')
          for (const c of message.changes) if (c.caseId === caseId) types.add(c.type);
      }
    }
    expect([...types]).toEqual(expect.arrayContaining(['case-opened', 'task-created']));
  });

  it('refuses the stream without a session', async () => {
    const res = await fetch(`${url}/api/live/desk`);
    expect(res.status).toBe(401);
  });
});
