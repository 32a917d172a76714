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

/**
 * Types `before` then `/` in the reply box until the canned-reply picker opens: text typed
 * before hydration is set back to the server's empty box, and its `/` opens nothing.
 */
export async function typeUntilPicker(page: Page, before: string): Promise<void> {
  const text = page.locator('[data-testid="reply-text"]');
  const search = page.locator('.macro-picker input[type="search"]');
  await expect
    .poll(async () => {
      if (await search.isVisible()) return true;
      await text.fill(before, patience);
      await text.press('End');
      await text.press('/');
      return search
        .waitFor({ timeout: 10_000 })
        .then(() => true)
        .catch(() => false);
    }, polling)
    .toBe(true);
}
