/** How unanswered callbacks are retried before the case escalates. */
export interface CallbackPolicy {
  /** An attempt not reported this long after its due time counts as missed. */
  missedAfterMinutes: number;
  retryAfterMinutes: number;
  maxAttempts: number;
}

export const defaultCallbackPolicy: CallbackPolicy = {
  missedAfterMinutes: 15,
  retryAfterMinutes: 30,
  maxAttempts: 3,
};
