import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Mongo } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';
import { startDesigner, type DesignerServer } from '../support/designerServer';
import { freshDatabase } from '../support/relaisWorker';
import { backlogTask, storeTasks } from '../support/taskFixtures';
import { launchChromium, patience, screenshot, signedInPage } from './support/browser';

let browser: Browser;
let designer: DesignerServer;
let mongo: Mongo;
let stores: Stores;
// The least urgent task, but the oldest and the only escalated one.
const last = backlogTask(60, {
  queue: 'litiges',
  priority: 5,
  customerName: 'Zoé Dernière',
  openedAt: '2026-03-09T08:00:00.000Z',
  escalationLevel: 1,
});

beforeAll(async () => {
  let uri: string;
  ({ mongo, stores, uri } = await freshDatabase());
  // 60 tasks more urgent than the last one: it is on the second page.
  await storeTasks(stores, [...Array.from({ length: 60 }, (_, i) => backlogTask(i)), last]);
  // No worker: the task list only reads the projection.
  designer = await startDesigner({ mongoUri: uri, taskQueue: `unused-${randomUUID()}` });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await designer?.process.stop();
  await mongo?.close();
});

async function agentPage(lang: 'fr' | 'en', width: number): Promise<Page> {
  const page = await signedInPage(browser, designer.url, 'agent', 'relais-agent', lang);
  onTestFinished(() => page.context().close());
  await page.setViewportSize({ width, height: 900 });
  return page;
}

const rows = (page: Page) => page.locator('tbody tr');

describe('the task list pages', () => {
  it('shows 50 tasks a page, and the task behind them on the next page', async () => {
    const page = await agentPage('fr', 1440);
    await page.goto(`${designer.url}/tasks`, patience);

    const pager = page.locator('form.pager');
    await expect(pager.textContent(patience)).resolves.toContain('Page 1 sur 2');
    await expect(pager.textContent()).resolves.toContain('tâches 1 à 50 sur 61');
    await expect(rows(page).count()).resolves.toBe(50);
    await expect(page.getByText('Zoé Dernière').count()).resolves.toBe(0);
    // The queue by its label, never its id.
    await expect(rows(page).first().locator('td').nth(3).textContent()).resolves.toBe('Accueil');
    await screenshot(page, 'tasks-pager-1440');

    await pager.getByRole('button', { name: 'Suivante' }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2', patience);
    await page.getByText('Zoé Dernière').waitFor(patience);
    await expect(rows(page).count()).resolves.toBe(11);
    await expect(pager.textContent()).resolves.toContain('tâches 51 à 61 sur 61');
    await expect(pager.getByRole('button', { name: 'Suivante' }).count()).resolves.toBe(0);

    await pager.getByRole('button', { name: 'Précédente' }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '1', patience);
    await expect(rows(page).count()).resolves.toBe(50);
  });

  it('filters in the query, from any page, and keeps the filters across pages', async () => {
    const page = await agentPage('en', 390);
    await page.goto(`${designer.url}/tasks?page=2`, patience);
    await page.getByText('Zoé Dernière').waitFor(patience);

    await page.locator('select[name="queue"]').selectOption('litiges');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL((url) => url.searchParams.get('queue') === 'litiges', patience);
    await expect.poll(() => rows(page).count(), patience).toBe(1);
    await expect(page.locator('form.pager').count()).resolves.toBe(0);
    await screenshot(page, 'tasks-filtered-390');

    await page.goto(`${designer.url}/tasks?priority=3&channel=email&page=2`, patience);
    const pager = page.locator('form.pager');
    await expect(pager.textContent(patience)).resolves.toContain('Page 2 of 2');
    await expect(pager.textContent()).resolves.toContain('tasks 51–60 of 60');
    await screenshot(page, 'tasks-pager-390');
    await pager.getByRole('button', { name: 'Previous' }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '1', patience);
    expect(new URL(page.url()).searchParams.get('priority')).toBe('3');
    expect(new URL(page.url()).searchParams.get('channel')).toBe('email');
  });

  it('sorts by a column, opens a saved view, and keeps both in the URL', async () => {
    const page = await agentPage('fr', 1440);
    await page.goto(`${designer.url}/tasks`, patience);
    await expect(rows(page).first().textContent(patience)).resolves.not.toContain('Zoé Dernière');

    await page.locator('th').getByRole('link', { name: 'Ouverte' }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'age', patience);
    await expect.poll(() => rows(page).first().textContent(), patience).toContain('Zoé Dernière');
    await expect(page.locator('th[aria-sort="ascending"]').textContent()).resolves.toContain(
      'Ouverte',
    );
    await screenshot(page, 'tasks-sorted-1440');

    const views = page.getByRole('navigation', { name: 'Vues enregistrées' });
    await views.getByRole('link', { name: 'Escaladées' }).click();
    await page.waitForURL((url) => url.searchParams.get('view') === 'escalated', patience);
    await expect.poll(() => rows(page).count(), patience).toBe(1);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('age');
    await expect(views.locator('[aria-current="page"]').textContent()).resolves.toContain(
      'Escaladées',
    );

    await page.setViewportSize({ width: 390, height: 900 });
    await views.getByRole('link', { name: 'Non attribuées' }).click();
    await page.waitForURL((url) => url.searchParams.get('view') === 'unassigned', patience);
    await expect(page.locator('.page-head').textContent(patience)).resolves.toContain('61 tâches');
    await screenshot(page, 'tasks-views-390');
  });
});
