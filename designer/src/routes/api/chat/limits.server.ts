import { json } from '@sveltejs/kit';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Per designer process, as the web form's and sign-in's limits are: a visitor types a few
 * messages a minute, and one address (an office behind NAT) holds a few visitors at most.
 */
const limiters = {
  startPerAddress: new RateLimiterMemory({ keyPrefix: 'chat-start', points: 30, duration: 3600 }),
  messagesPerVisitor: new RateLimiterMemory({ keyPrefix: 'chat-msg-v', points: 20, duration: 60 }),
  messagesPerAddress: new RateLimiterMemory({ keyPrefix: 'chat-msg-a', points: 60, duration: 60 }),
  /** The widget reports typing every 2 s at most while the visitor types. */
  typingPerVisitor: new RateLimiterMemory({ keyPrefix: 'chat-typing', points: 40, duration: 60 }),
  /** Each transcript is an email to the visitor's address: a few an hour is plenty. */
  transcriptsPerVisitor: new RateLimiterMemory({
    keyPrefix: 'chat-tr-v',
    points: 3,
    duration: 3600,
  }),
  transcriptsPerAddress: new RateLimiterMemory({
    keyPrefix: 'chat-tr-a',
    points: 10,
    duration: 3600,
  }),
};

/** Null when every limit allows one more, else the 429 to answer (nothing written). */
export async function throttled(
  checks: [keyof typeof limiters, string][],
): Promise<Response | null> {
  try {
    for (const [limiter, key] of checks) await limiters[limiter].consume(key);
    return null;
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const seconds = Math.ceil(err.msBeforeNext / 1000);
    return json(
      { code: 'throttled', message: 'Too many messages', retryAfterSeconds: seconds },
      { status: 429, headers: { 'retry-after': String(seconds) } },
    );
  }
}
