import { randomInt, randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startDevStack, type DevStack } from '../support/devStack';
import { launchChromium, patience, polling, screenshot, signedInPage } from './support/browser';
import { switchToNote } from './support/caseComposer';

/**
 * Every test makes its own customer and case and signs in on its own, so that it depends on no
 * other test, and waits on what the page or the store shows, never for a fixed time.
 */

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** A running Relais with the designer, and an API token to post inbound messages with. */
interface Desk {
  stack: DevStack;
  url: string;
  token: string;
}

async function startDesk(): Promise<Desk> {
  const stack = await startDevStack({ designer: true });
  // A second agent, who takes cases over after a transfer.
  await stack.relais.stores.users.create(
    { _id: 'agent2', name: 'Bruno Lima', role: 'agent', lang: 'en' },
    'relais-agent2',
  );
  const { token } = await stack.relais.stores.apiTokens.create({
    name: 'agent desk test',
    scopes: ['inbound:write'],
    createdBy: 'manager',
  });
  return { stack, url: stack.designer!.url, token };
}

const passwords = {
  agent: 'relais-agent',
  agent2: 'relais-agent2',
  supervisor: 'relais-supervisor',
} as const;

/** A page signed in as `user` in a context of its own, closed when the test ends. */
async function as(desk: Desk, user: keyof typeof passwords): Promise<Page> {
  const page = await signedInPage(browser, desk.url, user, passwords[user]);
  onTestFinished(() => page.context().close());
  return page;
}

/** A customer nobody else uses: threading by phone finds only their own case. */
function newCustomer() {
  const tag = randomUUID().slice(0, 8);
  return {
    email: `desk-${tag}@exemple.fr`,
    phone: `+336${randomInt(10_000_000, 100_000_000)}`,
    name: 'Chloé Martin',
    subject: `Colis jamais arrivé ${tag}`,
  };
}
type Customer = ReturnType<typeof newCustomer>;

async function inbound(
  desk: Desk,
  channel: string,
  body: Record<string, unknown>,
): Promise<string> {
  const res = await fetch(`${desk.url}/api/inbound/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${desk.token}` },
    body: JSON.stringify({ messageId: randomUUID(), ...body }),
  });
  const text = await res.text();
  expect(res.status, text).toBe(202);
  return (JSON.parse(text) as { caseId: string }).caseId;
}

/** The customer's first email, once its case has its agent task. */
async function openCase(desk: Desk, c: Customer): Promise<string> {
  const caseId = await inbound(desk, 'email', {
    customer: { email: c.email, phone: c.phone, name: c.name },
    subject: c.subject,
    text: "Bonjour, mon colis n'est jamais arrivé. Pouvez-vous m'aider ?",
  });
  await expect
    .poll(async () => (await desk.stack.relais.stores.tasks.get(caseId))?.queue, polling)
    .toBeTruthy();
  return caseId;
}

/** A follow-up SMS from the customer, once the case has recorded the channel switch. */
async function followUpBySms(desk: Desk, c: Customer, caseId: string): Promise<void> {
  const threaded = await inbound(desk, 'sms', {
    customer: { phone: c.phone, name: c.name },
    text: 'Toujours rien reçu ce matin.',
  });
  expect(threaded).toBe(caseId);
  await expect
    .poll(
      async () =>
        (await desk.stack.relais.stores.timeline.forCase(caseId)).some(
          (e) => e.type === 'channel-switch',
        ),
      polling,
    )
    .toBe(true);
}

/**
 * Submits one of the case page's action forms and waits for the workflow's answer: the banner
 * at the top when it did it, the refusal under the form when it did not.
 */
async function act(page: Page, action: string, fill: Record<string, string> = {}) {
  const form = page.locator(`form[data-action="${action}"]`).first();
  for (const [name, value] of Object.entries(fill)) {
    const input = form.locator(`[name="${name}"]`);
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }
  await form.locator('button').last().click();
  const answer = page.locator(
    `[data-testid="action-done"][data-action="${action}"], form[data-action="${action}"] .alert.error`,
  );
  await answer.waitFor(patience);
  return answer;
}

async function openCasePage(desk: Desk, page: Page, caseId: string): Promise<void> {
  await page.goto(`${desk.url}/cases/${caseId}`, patience);
  await page.locator('form[data-action]').first().waitFor(patience);
}

/** `page`'s agent claims the case on its page. */
/** Claims the case as the signed-in agent, whose name the case header then shows. */
async function claim(desk: Desk, page: Page, caseId: string, name: string): Promise<void> {
  await openCasePage(desk, page, caseId);
  await expect((await act(page, 'claim')).getAttribute('class')).resolves.toContain('ok');
  await expect.poll(() => assignee(page), polling).toBe(name);
}

const assignee = (page: Page) => page.locator('[data-testid="assignee"]').textContent();

describe('agent desk', () => {
  let desk: Desk;

  beforeAll(async () => {
    desk = await startDesk();
  });

  afterAll(async () => {
    await desk?.stack.stop();
  });

  it('shows a new contact in the task list and lets an agent claim it from there', async () => {
    const customer = newCustomer();
    const caseId = await openCase(desk, customer);

    const ana = await as(desk, 'agent');
    await ana.goto(`${desk.url}/tasks`, patience);
    const row = ana.locator(`tr[data-case-id="${caseId}"]`);
    await expect(row.textContent(patience)).resolves.toContain(customer.subject);
    await screenshot(ana, 'desk-tasks');

    // Keyboard: focus the row's claim button and press Enter.
    await row.locator('button.claim').focus(patience);
    await ana.keyboard.press('Enter');
    await ana.locator('p.alert.ok[role="status"]').waitFor(patience);
    await expect.poll(() => row.locator('button.claim').count(), polling).toBe(0);
    await expect.poll(() => row.textContent(), polling).toContain('you');

    // Filters: "my tasks" keeps it, another kind hides it.
    await ana.goto(`${desk.url}/tasks?mine=1`, patience);
    await ana.locator(`tr[data-case-id="${caseId}"]`).waitFor(patience);
    await ana.goto(`${desk.url}/tasks?kind=callback`, patience);
    await ana.locator('form.filters').waitFor(patience);
    await expect(ana.locator(`tr[data-case-id="${caseId}"]`).count()).resolves.toBe(0);
  });

  it('follows a link from the task list while new contacts keep arriving', async () => {
    const caseId = await openCase(desk, newCustomer());
    const ana = await as(desk, 'agent');
    await ana.goto(`${desk.url}/tasks`, patience);
    await ana.locator(`tr[data-case-id="${caseId}"]`).waitFor(patience);

    // Each new contact is a live change the list reloads on, some of them mid-navigation.
    let arriving = true;
    const traffic = (async () => {
      while (arriving) {
        const other = newCustomer();
        await inbound(desk, 'email', {
          customer: { email: other.email, name: other.name },
          subject: other.subject,
          text: 'Bonjour, une question sur ma commande.',
        });
      }
    })();
    onTestFinished(async () => {
      arriving = false;
      await traffic;
    });
    for (let round = 0; round < 3; round += 1) {
      await ana.locator(`tr[data-case-id="${caseId}"] a`).first().click(patience);
      await ana.waitForURL(`**/cases/${caseId}`, patience);
      await ana.goBack(patience);
      await ana.waitForURL('**/tasks', patience);
    }
  });

  it('replies by SMS, adds a note, and shows what was sent and why the case was routed', async () => {
    const caseId = await openCase(desk, newCustomer());
    const ana = await as(desk, 'agent');

    await ana.goto(`${desk.url}/tasks`, patience);
    await ana.locator(`tr[data-case-id="${caseId}"] a`).first().click(patience);
    await ana.waitForURL(`**/cases/${caseId}`, patience);
    await expect((await act(ana, 'claim')).getAttribute('class')).resolves.toContain('ok');
    await expect.poll(() => assignee(ana), polling).toBe('Ana Costa');
    // The decision's why: every output names the rule that set it, in the UI's language.
    await expect(ana.locator('tr[data-output="queue"] td').last().textContent()).resolves.toContain(
      'Delivery',
    );
    await expect(ana.locator('tr[data-output="promise"] td').first().textContent()).resolves.toBe(
      '24 hours',
    );

    const replied = await act(ana, 'reply', {
      text: 'Bonjour Chloé, nous relançons le transporteur et revenons vers vous.',
      channel: 'sms',
    });
    await expect(replied.getAttribute('class')).resolves.toContain('ok');
    await ana
      .locator('[data-testid="thread"] li[data-type="sent"][data-channel="sms"]')
      .waitFor(patience);

    // The box under the thread writes a reply by default: a note is the other side of its toggle.
    await switchToNote(ana);
    const noted = await act(ana, 'note', { text: 'Transporteur relancé par téléphone.' });
    await expect(noted.getAttribute('class')).resolves.toContain('ok');
    await ana.locator('li[data-type="note"]').waitFor(patience);
    await screenshot(ana, 'desk-case-replied');
  });

  it('shows another agent why they cannot resolve a case not theirs, before they try', async () => {
    const caseId = await openCase(desk, newCustomer());
    await claim(desk, await as(desk, 'agent'), caseId, 'Ana Costa');

    const bruno = await as(desk, 'agent2');
    await openCasePage(desk, bruno, caseId);
    const resolveForm = bruno.locator('form[data-action="resolve"]');
    // Coded like the workflow's refusal, worded in Bruno's language, the holder named: no raw id.
    await expect(
      resolveForm.locator('[data-testid="blocked-reason"]').textContent(patience),
    ).resolves.toContain('You cannot resolve: Ana Costa is working on this case.');
    await expect(resolveForm.locator('button').last().isDisabled()).resolves.toBe(true);
    await screenshot(bruno, 'desk-case-refused');
  });

  it('threads an SMS from the customer into the case, transfers it, and a second agent resolves it', async () => {
    const customer = newCustomer();
    const caseId = await openCase(desk, customer);
    const ana = await as(desk, 'agent');
    await claim(desk, ana, caseId, 'Ana Costa');

    await followUpBySms(desk, customer, caseId);

    await openCasePage(desk, ana, caseId);
    const moved = await act(ana, 'transfer', {
      toQueue: 'general',
      reason: 'Enquête transporteur',
    });
    await expect(moved.getAttribute('class')).resolves.toContain('ok');
    await expect.poll(() => assignee(ana), polling).toBe('—');

    const bruno = await as(desk, 'agent2');
    await claim(desk, bruno, caseId, 'Bruno Lima');
    const resolved = await act(bruno, 'resolve', { reason: 'Colis livré' });
    await expect(resolved.getAttribute('class')).resolves.toContain('ok');
    await expect
      .poll(() => bruno.locator('[data-testid="case-status"]').textContent(), polling)
      .toMatch(/Resolved|Survey sent|Closed/);
    // Resolved: reopen is what is left to do.
    await bruno.locator('form[data-action="reopen"]').waitFor(patience);
    await screenshot(bruno, 'desk-case-resolved');
  });

  it('shows the customer 360° view with both channels of the case', async () => {
    const customer = newCustomer();
    const caseId = await openCase(desk, customer);
    await followUpBySms(desk, customer, caseId);

    const bruno = await as(desk, 'agent2');
    await openCasePage(desk, bruno, caseId);
    await bruno.locator('a', { hasText: '360°' }).click(patience);
    await bruno.waitForURL('**/customers/**', patience);
    const row = bruno.locator(`[data-testid="customer-cases"] tr[data-case-id="${caseId}"]`);
    await row.waitFor(patience);
    await expect(row.locator('.badge').allTextContents()).resolves.toEqual(['Email', 'SMS']);
    await bruno.locator('li[data-type="channel-switch"]').waitFor(patience);
    await screenshot(bruno, 'desk-customer');
  });
});

describe('supervisor dashboard', () => {
  // A Relais of its own: the KPIs count every case of the database, here only this test's.
  let desk: Desk;

  beforeAll(async () => {
    desk = await startDesk();
  });

  afterAll(async () => {
    await desk?.stack.stop();
  });

  it('gives supervisors the dashboard with the backlog and KPIs, and keeps agents out', async () => {
    // One case answered, followed up by SMS and resolved (not at first contact); one waiting.
    const customer = newCustomer();
    const caseId = await openCase(desk, customer);
    await openCase(desk, { ...newCustomer(), subject: 'Changement d’adresse' });
    const ana = await as(desk, 'agent');
    await claim(desk, ana, caseId, 'Ana Costa');
    const replied = await act(ana, 'reply', { text: 'Nous relançons le transporteur.' });
    await expect(replied.getAttribute('class')).resolves.toContain('ok');
    await followUpBySms(desk, customer, caseId);
    await openCasePage(desk, ana, caseId);
    const resolved = await act(ana, 'resolve', { reason: 'Colis livré' });
    await expect(resolved.getAttribute('class')).resolves.toContain('ok');

    const supervisor = await as(desk, 'supervisor');
    const tile = async (kpi: string) =>
      (await supervisor.locator(`[data-kpi="${kpi}"] .value`).textContent(patience))?.trim();
    // The KPIs come from events the workflows write as they go: reload until all are in.
    await expect
      .poll(async () => {
        await supervisor.goto(`${desk.url}/dashboard`, patience);
        return { opened: await tile('opened'), fcr: await tile('fcr') };
      }, polling)
      .toEqual({ opened: '2', fcr: '0 %' });
    await expect(tile('first-response')).resolves.not.toBe('—');
    await supervisor.locator('[data-testid="backlog"] tbody tr').first().waitFor(patience);
    await supervisor.locator('#daily-title').waitFor(patience);
    await screenshot(supervisor, 'desk-dashboard');

    const res = await ana.goto(`${desk.url}/dashboard`, patience);
    expect(res?.status()).toBe(403);
  });
});
