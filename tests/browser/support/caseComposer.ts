import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { patience, polling } from './browser';

/**
 * Turns the case page's reply box to its note side. The toggle is a radio that works before the
 * page's script loads, but hydration gives it back its server state: a click landing before
 * that is undone, so this clicks until the note box shows.
 */
export async function switchToNote(page: Page): Promise<void> {
  const noteBox = page.locator('form[data-action="note"] [name="text"]');
  await expect
    .poll(async () => {
      if (!(await noteBox.isVisible()))
        await page.locator('[data-testid="mode-note"]').click(patience);
      return noteBox.isVisible();
    }, polling)
    .toBe(true);
}
