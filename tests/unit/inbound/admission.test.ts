import { describe, expect, it } from 'vitest';
import { InFlightLimit, overloadedOutcome } from '../../../worker/inbound/admission';

/** A piece of work that runs until the test lets it finish. */
function held() {
  let finish = () => {};
  let fail = (_: Error) => {};
  const done = new Promise<string>((resolve, reject) => {
    finish = () => resolve('done');
    fail = reject;
  });
  return { work: () => done, finish, fail };
}

describe('InFlightLimit', () => {
  it('runs up to its limit at once and turns the next caller away without running its work', async () => {
    const limit = new InFlightLimit(2);
    const [a, b] = [held(), held()];
    const running = [limit.run(a.work), limit.run(b.work)];
    let ran = false;
    expect(await limit.run(async () => (ran = true))).toBeNull();
    expect(ran).toBe(false);
    a.finish();
    b.finish();
    expect(await Promise.all(running)).toEqual(['done', 'done']);
  });

  it('makes room again when work finishes or fails', async () => {
    const limit = new InFlightLimit(1);
    const a = held();
    const running = limit.run(a.work);
    expect(await limit.run(async () => 'late')).toBeNull();
    a.fail(new Error('store down'));
    await expect(running).rejects.toThrow('store down');
    expect(await limit.run(async () => 'next')).toBe('next');
  });
});

describe('overloadedOutcome', () => {
  it('is a 429 with the same {code, message} shape as the 503', () => {
    expect(overloadedOutcome(16)).toEqual({
      status: 429,
      body: { code: 'overloaded', message: expect.stringContaining('nothing was written') },
    });
  });
});
