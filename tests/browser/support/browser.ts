import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
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

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/login')),
    page.locator('form button.primary').click(),
  ]);
}

/** Switches the UI language with the switch in the top bar. */
export async function useLanguage(page: Page, lang: 'fr' | 'en') {
  const button = page.locator('.topbar .lang button', { hasText: lang.toUpperCase() });
  if ((await button.getAttribute('aria-pressed')) === 'true') return;
  await button.click();
  await page.locator(`html[lang="${lang}"]`).waitFor();
  await page
    .locator('.topbar .lang button[aria-pressed="true"]', { hasText: lang.toUpperCase() })
    .waitFor();
}
