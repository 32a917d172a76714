import type { Page } from 'playwright-core';
import { patience } from './browser';

/**
 * Opens `url` as on a slow connection: the page's scripts are held back, so it shows and takes
 * typing before it hydrates. Returns the call that lets the scripts through.
 */
export async function openWithScriptsHeld(page: Page, url: string): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_app/immutable/**/*.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(url, { ...patience, waitUntil: 'domcontentloaded' });
  return release;
}
