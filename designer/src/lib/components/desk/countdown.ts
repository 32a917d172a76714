/** Whole seconds from `now` (ms) to `iso`, never below zero: what a countdown shows. */
export const secondsLeft = (iso: string, now: number): number =>
  Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));

/** Whole seconds since `iso`: how long something has waited. */
export const secondsSince = (iso: string, now: number): number =>
  Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));

/** A duration as "42 s", "3 min 05 s" or "1 h 02 min": short enough for a table cell. */
export function shortDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/**
 * Seconds left on an offer, never more than it was made for: a browser clock behind the
 * router's would otherwise show "121 s" on a 120 s offer.
 */
export const offerSecondsLeft = (
  offer: { offeredAt: string; expiresAt: string },
  now: number,
): number =>
  Math.min(
    secondsLeft(offer.expiresAt, Date.parse(offer.offeredAt)),
    secondsLeft(offer.expiresAt, now),
  );
