import type { Lang } from '$rules/model/channel';
import type { CaseSnapshot } from '$workflows/contracts/case';
import { caseRef, dueInWords, promiseInWords } from '$workflows/lib/promiseWords';
import { loadCase } from '$lib/server/caseView';
import type { Relais } from '$lib/server/relais';

/**
 * The case once `ready` holds of its state, asked again every 250 ms up to `timeoutMs`: the
 * intake (decision, promise) or a threaded message lands moments after the inbound call answers.
 * Whatever the case holds by then, else null.
 */
export async function caseWhen(
  r: Relais,
  caseId: string,
  ready: (state: CaseSnapshot) => boolean,
  timeoutMs = 15_000,
): Promise<CaseSnapshot | null> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const state = (await loadCase(r, caseId))?.state ?? null;
    if ((state && ready(state)) || Date.now() >= until) return state;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export const decided = (state: CaseSnapshot) => state.decision !== null && state.dueAt !== null;

/** The promise as the acknowledgement words it; null before it is decided. */
export function promiseOf(state: CaseSnapshot, timezone: string, lang: Lang): string | null {
  const promise = state.decision?.promise;
  if (!promise || !state.dueAt) return null;
  return promiseInWords({
    lang,
    timezone,
    firstResponseMinutes: promise.firstResponseMinutes,
    businessHours: promise.businessHours,
    dueAt: new Date(state.dueAt),
  });
}

/** When we first answered, in the customer's words; null before. */
export const answeredOn = (state: CaseSnapshot, timezone: string, lang: Lang) =>
  state.firstResponseAt ? dueInWords(new Date(state.firstResponseAt), timezone, lang) : null;

export { caseRef };
