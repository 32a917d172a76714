import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { repoRoot } from '../../../launcher/paths';

/** Debian's Chromium, as CI installs it; the flags keep it quiet and offline. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Waits sized for a loaded 2-core machine, where a page can take tens of seconds: a slow page is
 * not a failure, a page that never gets there is. Pass `patience` to goto, waitFor, waitForURL.
 */
export const patience = { timeout: 120_000 } as const;
/** For `expect.poll` on what a page or a store shows once the server has caught up. */
export const polling = { timeout: 90_000, interval: 250 } as const;

/** A fresh browser context (own cookies, so its own session) with patient default waits. */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
  });
  context.setDefaultTimeout(patience.timeout);
  context.setDefaultNavigationTimeout(patience.timeout);
  return context;
}

/**
 * A page of its own context, signed in as `username` and showing the UI in `lang`: what a test
 * starts from, so that it depends on no other test's session. Close it with `page.context()`.
 */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  username: string,
  password: string,
  lang: 'fr' | 'en' = 'en',
): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await signIn(page, baseUrl, username, password);
  await useLanguage(page, lang);
  return page;
}

export const artifactsDir = join(repoRoot, 'tests', 'artifacts', 'browser');

/**
 * A screenshot in tests/artifacts/browser/, to look at after the run: the whole page, or only
 * the viewport when a dialog covers it (an overlay covers the viewport only).
 */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage });
}

/** A screenshot of one part of the page, at its natural size. */
export async function screenshotOf(part: Locator, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await part.screenshot({ path: join(artifactsDir, `${name}.png`) });
}

/**
 * Signs in through the login form, as a person would, then lands wherever the form sends the
 * user (`next` is passed as is, to test crafted values). Hydration sets the inputs back to their
 * server values, so a fill that lands before it leaves required fields empty and the browser
 * refuses the submit: fill and submit again until the page leaves /login.
 */
export async function signIn(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
  next?: string,
) {
  const query = next === undefined ? '' : `?next=${next}`;
  await page.goto(`${baseUrl}/login${query}`, { ...patience, waitUntil: 'networkidle' });
  const deadline = Date.now() + patience.timeout;
  for (;;) {
    await page.locator('input[name="username"]').fill(username, patience);
    await page.locator('input[name="password"]').fill(password, patience);
    await page.locator('form button.primary').click(patience);
    const left = await page
      .waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15_000 })
      .then(() => true)
      .catch(() => false);
    if (left) return;
    if (Date.now() > deadline) throw new Error(`sign-in as ${username} never left /login`);
  }
}

/** Switches the UI language with the switch in the top bar. */
export async function useLanguage(page: Page, lang: 'fr' | 'en') {
  const button = page.locator('.topbar .lang button', { hasText: lang.toUpperCase() });
  if ((await button.getAttribute('aria-pressed', patience)) === 'true') return;
  await button.click(patience);
  await page.locator(`html[lang="${lang}"]`).waitFor(patience);
  await page
    .locator('.topbar .lang button[aria-pressed="true"]', { hasText: lang.toUpperCase() })
    .waitFor(patience);
}
