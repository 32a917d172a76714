import { describe, expect, it } from 'vitest';
import {
  type KeyPress,
  shortcutFor,
  shortcutPage,
  stepRow,
} from '../../../designer/src/lib/components/desk/shortcuts';

const press = (key: string, over: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: { tagName: 'BODY', isContentEditable: false },
  ...over,
});

describe('desk keyboard shortcuts', () => {
  it('knows the task list and a case page from their paths', () => {
    expect(shortcutPage('/tasks')).toBe('list');
    expect(shortcutPage('/cases/0b6f3c2e-1d2a-4c1b-9a3e-5f6e7d8c9b0a')).toBe('case');
    expect(shortcutPage('/cases/abc/print')).toBe('other');
    expect(shortcutPage('/dashboard')).toBe('other');
  });

  it('maps each key on the page it applies to, and help everywhere', () => {
    expect(shortcutFor(press('j'), 'list')).toBe('next');
    expect(shortcutFor(press('k'), 'list')).toBe('previous');
    expect(shortcutFor(press('Enter'), 'list')).toBe('open');
    expect(shortcutFor(press('c'), 'list')).toBe('claim');
    expect(shortcutFor(press('r'), 'case')).toBe('reply');
    expect(shortcutFor(press('n'), 'case')).toBe('note');
    expect(shortcutFor(press('?'), 'other')).toBe('help');
    expect(shortcutFor(press('r'), 'list')).toBeNull();
    expect(shortcutFor(press('j'), 'case')).toBeNull();
  });

  it('fires nothing while typing in a field, with a modifier, or on Enter on a link', () => {
    for (const tagName of ['INPUT', 'TEXTAREA', 'SELECT'])
      expect(
        shortcutFor(press('j', { target: { tagName, isContentEditable: false } }), 'list'),
      ).toBeNull();
    expect(
      shortcutFor(press('r', { target: { tagName: 'DIV', isContentEditable: true } }), 'case'),
    ).toBeNull();
    expect(shortcutFor(press('r', { ctrlKey: true }), 'case')).toBeNull();
    expect(shortcutFor(press('c', { metaKey: true }), 'list')).toBeNull();
    expect(
      shortcutFor(press('Enter', { target: { tagName: 'A', isContentEditable: false } }), 'list'),
    ).toBeNull();
  });

  it('steps through rows without wrapping', () => {
    expect(stepRow(-1, 3, 1)).toBe(0);
    expect(stepRow(-1, 3, -1)).toBe(2);
    expect(stepRow(0, 3, 1)).toBe(1);
    expect(stepRow(2, 3, 1)).toBe(2);
    expect(stepRow(0, 3, -1)).toBe(0);
    expect(stepRow(0, 0, 1)).toBe(-1);
  });
});
