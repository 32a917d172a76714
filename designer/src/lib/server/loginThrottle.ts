import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Failed sign-ins per user name and per client address, in a fixed 15-minute window: the fifth
 * failure for a name (the twentieth from an address) locks it until the window ends. The counters
 * live in this process: with several designer processes each counts its own share (see README).
 */
const windowSeconds = 15 * 60;
const perUser = new RateLimiterMemory({
  keyPrefix: 'login-user',
  points: 5,
  duration: windowSeconds,
});
const perAddress = new RateLimiterMemory({
  keyPrefix: 'login-address',
  points: 20,
  duration: windowSeconds,
});

const userKey = (username: string) => username.trim().toLowerCase();

const waitOf = (res: RateLimiterRes | null, points: number) =>
  res && res.consumedPoints >= points ? Math.ceil(res.msBeforeNext / 1000) : 0;

/** Seconds before this user or address may try again; 0 when they may now. */
export async function loginWait(username: string, address: string): Promise<number> {
  const [user, addr] = await Promise.all([perUser.get(userKey(username)), perAddress.get(address)]);
  return Math.max(waitOf(user, perUser.points), waitOf(addr, perAddress.points));
}

/** Counts a failure; the wait it now imposes, 0 while attempts remain. */
export async function loginFailed(username: string, address: string): Promise<number> {
  const [user, addr] = await Promise.all([
    perUser.penalty(userKey(username)),
    perAddress.penalty(address),
  ]);
  return Math.max(waitOf(user, perUser.points), waitOf(addr, perAddress.points));
}

/** A success forgets the user's failures (not the address's: one good account opens no door). */
export async function loginSucceeded(username: string): Promise<void> {
  await perUser.delete(userKey(username));
}
