import { describe, expect, it } from 'vitest';
import { fits, freeUnits, itemUnits, usedUnits } from '../../../workflows/routing/capacity';

const capacity = { voice: 1, chat: 3, email: 10 };

describe('capacity in units of 1000', () => {
  it('weighs an item floor(1000 / capacity) and takes none of a class at 0', () => {
    expect(itemUnits(capacity, 'voice')).toBe(1000);
    expect(itemUnits(capacity, 'chat')).toBe(333);
    expect(itemUnits(capacity, 'email')).toBe(100);
    expect(itemUnits({ ...capacity, voice: 0 }, 'voice')).toBeNull();
  });

  it('fits three chats, then nothing; a call blocks everything else', () => {
    const twoChats = { a: 'chat', b: 'chat' } as const;
    expect(usedUnits(capacity, twoChats)).toBe(666);
    expect(fits(capacity, twoChats, 'chat')).toBe(true);
    expect(fits(capacity, { ...twoChats, c: 'chat' }, 'chat')).toBe(false);
    expect(fits(capacity, twoChats, 'email')).toBe(true);
    expect(fits(capacity, { a: 'voice' }, 'email')).toBe(false);
    expect(fits(capacity, { a: 'email' }, 'voice')).toBe(false);
    expect(fits({ ...capacity, chat: 0 }, {}, 'chat')).toBe(false);
    expect(freeUnits(capacity, twoChats)).toBe(334);
  });
});
