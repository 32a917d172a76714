import { describe, expect, it } from 'vitest';
import { KeyedLock } from '../../../worker/store/keyedLock';

/** A promise and the function that settles it, to hold work open for as long as a test wants. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('KeyedLock', () => {
  it('runs work on one key in turn, and work on other keys meanwhile', async () => {
    const lock = new KeyedLock();
    const held = gate();
    const done: string[] = [];
    const first = lock.run(['a'], async () => {
      await held.opened;
      done.push('a1');
    });
    const second = lock.run(['a'], async () => {
      done.push('a2');
    });
    await lock.run(['b'], async () => {
      done.push('b');
    });
    expect(done).toEqual(['b']);
    held.open();
    await Promise.all([first, second]);
    expect(done).toEqual(['b', 'a1', 'a2']);
  });

  it('takes several keys without two callers waiting on each other, and frees a failed key', async () => {
    const lock = new KeyedLock();
    const done: string[] = [];
    await Promise.all([
      lock.run(['x', 'y'], async () => void done.push('xy')),
      lock.run(['y', 'x'], async () => void done.push('yx')),
    ]);
    expect(done.sort()).toEqual(['xy', 'yx']);
    await expect(lock.run(['x'], () => Promise.reject(new Error('store down')))).rejects.toThrow(
      'store down',
    );
    await expect(lock.run(['x'], async () => 'after')).resolves.toBe('after');
  });
});
