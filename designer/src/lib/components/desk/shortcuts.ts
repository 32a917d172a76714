/** What a key does on the desk: where it applies, and what it does there. */
export type ShortcutAction = 'help' | 'next' | 'previous' | 'open' | 'claim' | 'reply' | 'note';

/** The page a shortcut applies on: the task list, a case, or any page. */
export type ShortcutPage = 'list' | 'case' | 'other';

export const shortcutKeys: Record<ShortcutAction, { key: string; page: ShortcutPage | 'any' }> = {
  next: { key: 'j', page: 'list' },
  previous: { key: 'k', page: 'list' },
  open: { key: 'Enter', page: 'list' },
  claim: { key: 'c', page: 'list' },
  reply: { key: 'r', page: 'case' },
  note: { key: 'n', page: 'case' },
  help: { key: '?', page: 'any' },
};

/** Which desk page a path is. */
export function shortcutPage(pathname: string): ShortcutPage {
  if (pathname === '/tasks' || pathname === '/tasks/') return 'list';
  if (/^\/cases\/[^/]+\/?$/.test(pathname)) return 'case';
  return 'other';
}

/** The key pressed, as far as shortcuts go: none with a modifier (the browser's own). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The element the key went to, by tag and editability. */
  target: { tagName: string; isContentEditable: boolean } | null;
}

const fields = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** The shortcut a key press triggers on `page`, or null: never while typing in a field. */
export function shortcutFor(press: KeyPress, page: ShortcutPage): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const target = press.target;
  if (target && (fields.has(target.tagName) || target.isContentEditable)) return null;
  for (const [action, { key, page: on }] of Object.entries(shortcutKeys))
    // Enter on a link or a button is the browser's own: it follows or presses it.
    if (
      press.key === key &&
      (on === 'any' || on === page) &&
      !(key === 'Enter' && target && ['A', 'BUTTON'].includes(target.tagName))
    )
      return action as ShortcutAction;
  return null;
}

/** The row after (or before) `current` among `count`, wrapping at neither end. */
export function stepRow(current: number, count: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return step === 1 ? 0 : count - 1;
  return Math.min(count - 1, Math.max(0, current + step));
}
