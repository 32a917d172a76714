/** At most one typing report this often: the mark it leaves on the case lasts longer (6 s). */
export const typingReportMs = 2_000;

/**
 * Calls `report` on the first keystroke and then at most once per `everyMs` while typing goes
 * on, so the agents see the visitor typing without a request per key.
 */
export function typingReporter(report: () => void, everyMs = typingReportMs, now = Date.now) {
  let last = -Infinity;
  return {
    typed() {
      if (now() - last < everyMs) return;
      last = now();
      report();
    },
    /** The message went: the next keystroke starts a new one and reports at once. */
    sent() {
      last = -Infinity;
    },
  };
}
