import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { RuleSet } from '../../rules/model/ruleSet';
import { ensureRouter } from '../../worker/routing/handOver';
import { createRouterClient } from '../../worker/routing/routerClient';
import { queueDoc, testManager } from '../support/catalogueFixtures';
import { startDevStack, type DevStack } from '../support/devStack';
import { launchChromium, patience, polling, screenshot, signedInPage } from './support/browser';

/**
 * The catalogue pages as a manager uses them, and the pickers that read the catalogue: the
 * rule editor's route output and the case page's transfer. Each test makes its own entries.
 */

let browser: Browser;
let stack: DevStack;
let url: string;

beforeAll(async () => {
  [browser, stack] = await Promise.all([launchChromium(), startDevStack({ designer: true })]);
  url = stack.designer!.url;
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const stores = () => stack.relais.stores;
const tag = () => randomUUID().slice(0, 6);

async function pageAs(
  who: 'manager' | 'supervisor' | 'agent',
  lang: 'fr' | 'en',
  width = 1440,
): Promise<Page> {
  const page = await signedInPage(browser, url, who, `relais-${who}`, lang);
  onTestFinished(() => page.context().close());
  await page.setViewportSize({ width, height: 900 });
  // Deleting asks for confirmation: the tests always confirm.
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

/** Opens a page once hydrated: a click before hydration would post the form without enhance. */
const open = (page: Page, path: string) =>
  page.goto(`${url}${path}`, { ...patience, waitUntil: 'networkidle' });

/** The page never scrolls sideways; wide content scrolls inside its own box. */
const sideways = (page: Page) =>
  page.evaluate<number>(
    "(() => { const main = document.querySelector('main'); return main.scrollWidth - main.clientWidth; })()",
  );

/** The billing rule's card in the editor, opened (clicking again if it landed before hydration). */
async function billingRule(page: Page) {
  await open(page, '/rules/default');
  const card = page.locator('article.card[data-rule-id="route-billing"]');
  const toggle = card.locator('header button[aria-expanded]');
  await expect
    .poll(
      async () => {
        if ((await toggle.getAttribute('aria-expanded', patience)) !== 'true')
          await toggle.click(patience);
        return toggle.getAttribute('aria-expanded', patience);
      },
      { timeout: 120_000, interval: 1_000 },
    )
    .toBe('true');
  return card.locator('[data-action="route"]');
}

describe('the routing catalogue in the designer', () => {
  it('lets a manager create a skill, a queue and an agent profile, which the rule editor offers', async () => {
    const page = await pageAs('manager', 'en');
    const t = tag();
    const skillId = `escrow-${t}`;
    const queueId = `escrow-desk-${t}`;
    const agentId = `zoe-${t}`;
    const agentName = `Zoé Lambert ${t}`;

    // A skill.
    await open(page, '/skills?id=__new');
    const skillForm = page.locator('form[data-form="skill"]');
    await skillForm.locator('input[name="id"]').fill(skillId);
    await skillForm.locator('input[name="labelFr"]').fill(`Séquestre ${t}`);
    await skillForm.locator('input[name="labelEn"]').fill(`Escrow ${t}`);
    await skillForm.locator('button.primary').click();
    await page.locator('.alert.ok', { hasText: `“Escrow ${t}” saved.` }).waitFor(patience);
    await page.locator(`a[data-skill="${skillId}"]`).waitFor(patience);
    expect(await stores().skills.get(skillId)).toEqual({
      _id: skillId,
      labels: { fr: `Séquestre ${t}`, en: `Escrow ${t}` },
    });
    await screenshot(page, 'catalogue-skills-1440-en');

    // A queue, with routing settings away from the defaults.
    await open(page, '/queues?id=__new');
    const queueForm = page.locator('form[data-form="queue"]');
    await queueForm.locator('input[name="id"]').fill(queueId);
    await queueForm.locator('input[name="labelFr"]').fill(`Séquestre ${t}`);
    await queueForm.locator('input[name="labelEn"]').fill(`Escrow desk ${t}`);
    await queueForm.locator('select[name="policy"]').selectOption('most-free-capacity');
    await queueForm.locator('input[name="offerTimeoutSeconds"]').fill('45');
    await queueForm.locator('input[name="autoAccept"]').check();
    await queueForm.locator('input[name="lowerLevelsAfterSeconds"]').fill('');
    await queueForm.locator('button.primary').click();
    await page.locator('.alert.ok', { hasText: `“Escrow desk ${t}” saved.` }).waitFor(patience);
    const queue = await stores().queues.get(queueId);
    expect(queue).toMatchObject({
      policy: 'most-free-capacity',
      offerTimeoutSeconds: 45,
      autoAccept: true,
      allowPull: true,
      calendarId: null,
      relaxation: { lowerLevelsAfterSeconds: null, levelDrop: 1, dropOptionalAfterSeconds: 300 },
    });
    await screenshot(page, 'catalogue-queues-1440-en');

    // An agent who has the skill at level 4, serves the queue and takes 5 chats at once.
    await open(page, '/users?id=__new');
    const userForm = page.locator('form[data-form="user"]');
    await userForm.locator('input[name="id"]').fill(agentId);
    await userForm.locator('input[name="password"]').fill('zoe-initial-pw');
    await userForm.locator('input[name="name"]').fill(agentName);
    await userForm.locator('select[name="role"]').selectOption('agent');
    await userForm.locator(`select[name="skill:${skillId}"]`).selectOption('4');
    await userForm.locator(`input[name="queues"][value="${queueId}"]`).check();
    await userForm.locator('input[name="langs"][value="en"]').check();
    // The defaults show beside each capacity.
    await expect(userForm.textContent()).resolves.toContain('default 3');
    await userForm.locator('input[name="capacity.chat"]').fill('5');
    await userForm.locator('button.primary').click();
    await page.locator('.alert.ok', { hasText: `“${agentName}” saved.` }).waitFor(patience);
    const agent = await stores().users.get(agentId);
    expect(agent).toMatchObject({ name: agentName, role: 'agent', enabled: true });
    expect(agent?.routing).toEqual({
      skills: [{ skill: skillId, level: 4 }],
      queues: [queueId],
      // A new user speaks their own language to begin with: the manager's, here English.
      langs: ['en'],
      capacity: { voice: 1, chat: 5, email: 10 },
    });
    expect(await stores().users.verify(agentId, 'zoe-initial-pw')).not.toBeNull();
    // The change is in the page's audit, by the manager's name.
    await page
      .locator('.audit li', { hasText: `created ${agentName}` })
      .first()
      .waitFor(patience);
    await screenshot(page, 'catalogue-users-1440-en');

    // The rule editor's route output offers the new queue and skill by their names.
    const route = await billingRule(page);
    const queueSelect = route.locator('select[required]');
    await expect(
      queueSelect.locator('option', { hasText: `Escrow desk ${t}` }).count(),
    ).resolves.toBe(1);
    await queueSelect.selectOption(queueId);
    await route.locator('select[aria-label="Add a skill"]').selectOption(skillId);
    const picked = route.locator(`li[data-skill="${skillId}"]`);
    await expect(picked.textContent()).resolves.toContain(`Escrow ${t}`);
    await picked.locator('select').selectOption('3');
    await picked.locator('input[type="checkbox"]').check();
    await screenshot(page, 'catalogue-rule-editor-pickers');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect
      .poll(async () => {
        const draft = (await stores().ruleSets.draftDoc('default'))?.ruleSet as RuleSet | undefined;
        return draft?.rules
          .find((r) => r.id === 'route-billing')
          ?.actions.find((a) => a.type === 'route');
      }, polling)
      .toMatchObject({
        queue: queueId,
        skills: expect.arrayContaining([{ skill: skillId, minLevel: 3, optional: true }]),
      });
  });

  it('refuses to delete a skill an agent has, naming the agent, in French on a phone', async () => {
    const t = tag();
    const skillId = `notary-${t}`;
    const agentName = `Jules Faure ${t}`;
    await stores().skills.save(
      { _id: skillId, labels: { fr: `Notariat ${t}`, en: `Notary ${t}` } },
      testManager,
    );
    await stores().users.create(
      {
        _id: `jules-${t}`,
        name: agentName,
        role: 'agent',
        lang: 'fr',
        routing: {
          skills: [{ skill: skillId, level: 2 }],
          queues: [],
          langs: ['fr'],
          capacity: { voice: 1, chat: 3, email: 10 },
        },
      },
      'jules-password',
    );
    const page = await pageAs('manager', 'fr', 390);
    await open(page, `/skills?id=${skillId}`);
    await page.locator('form[action="?/remove"] button.danger').click();
    const refusal = page.locator('.alert.refusal');
    await refusal.waitFor(patience);
    await expect(refusal.textContent()).resolves.toContain(`« Notariat ${t} » est encore utilisé`);
    await expect(refusal.textContent()).resolves.toContain(`l’agent ${agentName}`);
    await expect(refusal.textContent()).resolves.not.toContain(skillId);
    expect(await stores().skills.get(skillId)).not.toBeNull();
    await screenshot(page, 'catalogue-skill-refused-390-fr');
    expect(await sideways(page)).toBeLessThanOrEqual(0);

    // Once nobody has it, it goes, and the audit says who deleted it.
    await stores().users.update(
      `jules-${t}`,
      {
        name: agentName,
        role: 'agent',
        lang: 'fr',
        routing: {
          skills: [],
          queues: [],
          langs: ['fr'],
          capacity: { voice: 1, chat: 3, email: 10 },
        },
      },
      testManager,
    );
    await open(page, `/skills?id=${skillId}`);
    await page.locator('form[action="?/remove"] button.danger').click();
    await page.locator('.alert.ok', { hasText: `« Notariat ${t} » supprimé.` }).waitFor(patience);
    expect(await stores().skills.get(skillId)).toBeNull();
    const audit = await stores().catalogueAudit.recent({ kind: 'skill', targetId: skillId });
    expect(audit.map((e) => [e.action, e.actor.id])).toEqual([
      ['remove', 'manager'],
      ['create', 'manager'],
    ]);
  });

  it('refuses to delete a queue a published rule routes to, naming the rule set and the rule', async () => {
    const page = await pageAs('manager', 'en');
    await open(page, '/queues?id=billing');
    await page.locator('form[action="?/remove"] button.danger').click();
    const refusal = page.locator('.alert.refusal');
    await refusal.waitFor(patience);
    const text = await refusal.textContent();
    expect(text).toMatch(/rule “.+” in “.+” version \d+/);
    expect(await stores().queues.get('billing')).not.toBeNull();
  });

  it('disables a user, who can then no longer sign in, and re-enables them', async () => {
    const t = tag();
    const id = `paul-${t}`;
    await stores().users.create(
      { _id: id, name: `Paul Morel ${t}`, role: 'agent', lang: 'en' },
      'paul-password',
    );
    const page = await pageAs('manager', 'en');
    await open(page, `/users?id=${id}`);
    await page.locator('form[data-form="enabled"] button').click();
    await page.locator('.alert.ok', { hasText: `Paul Morel ${t} is disabled.` }).waitFor(patience);
    expect(await stores().users.verify(id, 'paul-password')).toBeNull();
    await page.locator('form[data-form="enabled"] button', { hasText: 'Re-enable' }).click();
    await page.locator('.alert.ok', { hasText: 'can sign in again' }).waitFor(patience);
    expect(await stores().users.verify(id, 'paul-password')).not.toBeNull();

    await page.locator('form[data-form="reset"] input[name="password"]').fill('paul-new-password');
    await page.locator('form[data-form="reset"] button').click();
    await page.locator('.alert.ok', { hasText: 'password has been reset' }).waitFor(patience);
    expect(await stores().users.verify(id, 'paul-new-password')).not.toBeNull();
    const audit = await stores().catalogueAudit.recent({ kind: 'user', targetId: id });
    expect(audit.map((e) => e.action)).toEqual(['reset-password', 'enable', 'disable']);
  });

  it('tells the router: a new agent is known to it at once, a disabled one is gone', async () => {
    await ensureRouter(stack.client, stack.relais.taskQueue);
    const router = createRouterClient(stack.client, stack.relais.taskQueue);
    const agentIds = async () => (await router.snapshot())?.agents.map((a) => a.agentId) ?? [];
    // The router has loaded the seeded catalogue.
    await expect.poll(agentIds, polling).toContain('lucas');

    const t = tag();
    const id = `nora-${t}`;
    const page = await pageAs('manager', 'en');
    await open(page, '/users?id=__new');
    const form = page.locator('form[data-form="user"]');
    await form.locator('input[name="id"]').fill(id);
    await form.locator('input[name="password"]').fill('nora-initial-pw');
    await form.locator('input[name="name"]').fill(`Nora Petit ${t}`);
    await form.locator('input[name="queues"][value="general"]').check();
    await form.locator('button.primary').click();
    await page.locator('.alert.ok', { hasText: `Nora Petit ${t}` }).waitFor(patience);
    await expect.poll(agentIds, polling).toContain(id);

    await page.locator('form[data-form="enabled"] button').click();
    await page.locator('.alert.ok', { hasText: 'is disabled' }).waitFor(patience);
    await expect.poll(agentIds, polling).not.toContain(id);
  });

  it('shows a problem on its field and keeps what was typed', async () => {
    const page = await pageAs('manager', 'en');
    await open(page, '/queues?id=__new');
    const form = page.locator('form[data-form="queue"]');
    await form.locator('input[name="id"]').fill(`q-${tag()}`);
    await form.locator('input[name="labelFr"]').fill('File');
    await form.locator('input[name="labelEn"]').fill('Queue');
    // Past the browser's own checks: the server must refuse it too.
    await form.locator('input[name="levelDrop"]').evaluate((el) => el.removeAttribute('max'));
    await form.locator('input[name="levelDrop"]').fill('9');
    await form.locator('button.primary').click();
    const alert = page.locator('.alert.error', { hasText: 'Level drop (1 to 4)' });
    await alert.waitFor(patience);
    await expect(
      form.locator('input[name="levelDrop"]').getAttribute('aria-invalid'),
    ).resolves.toBe('true');
    await expect(form.locator('input[name="labelEn"]').inputValue()).resolves.toBe('Queue');
  });

  it('shows supervisors the catalogue read-only and refuses it to agents', async () => {
    const supervisor = await pageAs('supervisor', 'en');
    for (const path of ['/queues', '/skills', '/teams', '/users']) {
      const res = await open(supervisor, path);
      expect(res?.status(), path).toBe(200);
      await expect(supervisor.locator('button.primary:visible').count(), path).resolves.toBe(0);
    }
    const agent = await pageAs('agent', 'en');
    for (const path of ['/queues', '/skills', '/teams', '/users']) {
      const res = await agent.goto(`${url}${path}`, patience);
      expect(res?.status(), path).toBe(403);
    }
    // Posting to an action is refused before it runs.
    const post = await agent.request.post(`${url}/skills?/save`, {
      form: { id: 'sneaky', labelFr: 'x', labelEn: 'x', isNew: 'true' },
      headers: { origin: url },
    });
    expect(post.status()).toBe(403);
    expect(await stores().skills.get('sneaky')).toBeNull();
    await expect(agent.locator('.topbar nav').textContent()).resolves.not.toContain('Queues');
  });

  it('builds a team from people picked by name', async () => {
    const page = await pageAs('manager', 'en');
    const t = tag();
    await open(page, '/teams?id=__new');
    const form = page.locator('form[data-form="team"]');
    await form.locator('input[name="id"]').fill(`north-${t}`);
    await form.locator('input[name="labelFr"]').fill(`Nord ${t}`);
    await form.locator('input[name="labelEn"]').fill(`North ${t}`);
    await form.locator('label', { hasText: 'Lucas Martin' }).locator('input').check();
    await form.locator('button.primary').click();
    await page.locator('.alert.ok', { hasText: `“North ${t}” saved.` }).waitFor(patience);
    await expect(page.locator(`a[data-team="north-${t}"]`).textContent()).resolves.toContain(
      '1 member',
    );
    const team = await stores().teams.get(`north-${t}`);
    expect(team?.members).toEqual(['lucas']);
    await screenshot(page, 'catalogue-teams-1440-en');
  });

  it('fits each page on a phone, in French', async () => {
    const page = await pageAs('manager', 'fr', 390);
    for (const name of ['queues', 'skills', 'teams', 'users']) {
      await open(page, `/${name}`);
      await page.locator('h1').waitFor(patience);
      await screenshot(page, `catalogue-${name}-390-fr`);
      expect(await sideways(page), name).toBeLessThanOrEqual(0);
    }
    await open(page, '/users?id=agent');
    await screenshot(page, 'catalogue-user-agent-390-fr');
    expect(await sideways(page)).toBeLessThanOrEqual(0);
  });
});

describe('transfer on the case page', () => {
  it('picks a queue by its name and an agent by theirs, from lists', async () => {
    const t = tag();
    const queueId = `transfer-${t}`;
    await stores().queues.save(
      queueDoc(queueId, { labels: { fr: `Litiges ${t}`, en: `Disputes ${t}` } }),
      testManager,
    );
    const { token } = await stores().apiTokens.create({
      name: `transfer ${t}`,
      scopes: ['inbound:write'],
      createdBy: 'manager',
    });
    const res = await fetch(`${url}/api/inbound/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        messageId: randomUUID(),
        customer: { email: `transfert-${t}@exemple.fr`, name: 'Inès Roux' },
        subject: `Litige ${t}`,
        text: 'Bonjour, je conteste un prélèvement.',
      }),
    });
    expect(res.status).toBe(202);
    const { caseId } = (await res.json()) as { caseId: string };
    await expect.poll(async () => (await stores().tasks.get(caseId))?.queue, polling).toBeTruthy();

    // The demo agent Ana Costa holds the case: only its holder may transfer it.
    const page = await pageAs('agent', 'en');
    await open(page, `/cases/${caseId}`);
    await page.locator('form[data-action="claim"] button').click();
    await expect
      .poll(async () => (await stores().tasks.get(caseId))?.assignee, polling)
      .toBe('agent');
    await open(page, `/cases/${caseId}`);
    const form = page.locator('form[data-action="transfer"]');
    const agentSelect = form.locator('select[name="toAgent"]');
    const names = await agentSelect.locator('option').allTextContents();
    // By name, never by id; everyone the router hands work to, except the agent themself.
    expect(names).toContain('Lucas Martin');
    expect(names).not.toContain('Ana Costa');
    expect(names).not.toContain('lucas');
    await expect(
      agentSelect.locator('option', { hasText: 'Lucas Martin' }).getAttribute('value'),
    ).resolves.toBe('lucas');
    await form.locator('select[name="toQueue"]').selectOption({ label: `Disputes ${t}` });
    await form.locator('input[name="reason"]').fill('Dispute over a direct debit');
    await screenshot(page, 'catalogue-case-transfer');
    await form.locator('button').last().click();
    await expect.poll(async () => (await stores().tasks.get(caseId))?.queue, polling).toBe(queueId);
  });
});

/** An email posted through the inbound API; its case id once its task is written. */
async function postEmail(t: string): Promise<string> {
  const { token } = await stores().apiTokens.create({
    name: `email ${t}`,
    scopes: ['inbound:write'],
    createdBy: 'manager',
  });
  const res = await fetch(`${url}/api/inbound/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      messageId: randomUUID(),
      customer: { email: `pull-${t}@exemple.fr`, name: 'Inès Roux' },
      subject: `Prélèvement ${t}`,
      text: 'Bonjour, je conteste un prélèvement.',
    }),
  });
  expect(res.status).toBe(202);
  const { caseId } = (await res.json()) as { caseId: string };
  await expect.poll(async () => (await stores().tasks.get(caseId))?.queue, polling).toBeTruthy();
  return caseId;
}

describe('queues that do not allow pulling', () => {
  it('refuses agents the claim, saying why, and lets a supervisor assign the case by hand', async () => {
    const t = tag();
    const queueId = `offered-${t}`;
    await stores().queues.save(
      queueDoc(queueId, { labels: { fr: `Offerts ${t}`, en: `Offered ${t}` }, allowPull: false }),
      testManager,
    );
    const caseId = await postEmail(t);
    // A supervisor moves it into the queue, by its name.
    const supervisor = await pageAs('supervisor', 'en');
    await open(supervisor, `/cases/${caseId}`);
    const transfer = supervisor.locator('form[data-action="transfer"]');
    await transfer.locator('select[name="toQueue"]').selectOption({ label: `Offered ${t}` });
    await transfer.locator('input[name="reason"]').fill('Offered work only');
    await transfer.locator('button').last().click();
    await expect.poll(async () => (await stores().tasks.get(caseId))?.queue, polling).toBe(queueId);

    // The agent sees the claim disabled with the reason, on the case page and in the list.
    const agent = await pageAs('agent', 'en');
    await open(agent, `/cases/${caseId}`);
    await expect(agent.locator('[data-testid="queue"]').textContent()).resolves.toBe(
      `Offered ${t}`,
    );
    const claim = agent.locator('form[data-action="claim"]');
    await expect(claim.locator('button').isDisabled()).resolves.toBe(true);
    await expect(claim.textContent()).resolves.toContain(
      'offered to agents, not taken from the list',
    );
    await screenshot(agent, 'case-no-pull-1440-en');
    await agent.setViewportSize({ width: 390, height: 844 });
    await screenshot(agent, 'case-no-pull-390-en');
    await agent.setViewportSize({ width: 1440, height: 900 });
    await open(agent, `/tasks?queue=${queueId}`);
    const listed = agent.locator('button.claim');
    await expect(listed.isDisabled()).resolves.toBe(true);

    // Posted anyway, past the disabled button: refused in words, and nothing changes.
    const post = await agent.request.post(`${url}/cases/${caseId}?/claim`, {
      form: {},
      headers: { origin: url, accept: 'text/html' },
    });
    expect(post.status()).toBe(409);
    expect(await post.text()).toContain('offered to agents, not taken from the list');
    expect((await stores().tasks.get(caseId))?.assignee).toBeNull();

    // A supervisor still assigns it by hand; the case names the queue and the person.
    await open(supervisor, `/cases/${caseId}`);
    await expect(supervisor.locator('form[data-action="claim"] button').isDisabled()).resolves.toBe(
      false,
    );
    await transfer.locator('select[name="toAgent"]').selectOption({ label: 'Ana Costa' });
    await transfer.locator('input[name="reason"]').fill('Assigned by hand');
    await transfer.locator('button').last().click();
    await expect
      .poll(async () => (await stores().tasks.get(caseId))?.assignee, polling)
      .toBe('agent');
    await open(supervisor, `/cases/${caseId}`);
    await expect(supervisor.locator('[data-testid="assignee"]').textContent()).resolves.toBe(
      'Ana Costa',
    );
    await screenshot(supervisor, 'case-assigned-by-hand-1440-en');
  });
});

describe('the top bar on a phone', () => {
  it('folds the links into a menu that opens and closes', async () => {
    const page = await pageAs('manager', 'fr', 390);
    await open(page, '/queues');
    const nav = page.locator('#main-nav');
    const toggle = page.locator('.topbar .menu-toggle');
    await expect(nav.isVisible()).resolves.toBe(false);
    await screenshot(page, 'topbar-menu-closed-390-fr', false);
    await toggle.click();
    await nav.waitFor({ state: 'visible', ...patience });
    await screenshot(page, 'topbar-menu-open-390-fr', false);
    await nav.locator('a', { hasText: 'Compétences' }).click();
    await page.waitForURL(`${url}/skills`, patience);
    await expect.poll(() => nav.isVisible(), polling).toBe(false);

    const wide = await pageAs('manager', 'fr', 1440);
    await open(wide, '/queues');
    await expect(wide.locator('#main-nav').isVisible()).resolves.toBe(true);
    await expect(wide.locator('.topbar .menu-toggle').isVisible()).resolves.toBe(false);
    await screenshot(wide, 'topbar-1440-fr', false);
  });
});
