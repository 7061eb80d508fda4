/**
 * How repeated failed sign-ins are slowed down and then refused, per e-mail address and per
 * network address. Failures are counted in a window; after a few free tries each further failure
 * makes the next attempt wait longer (1 s, 2 s, 4 s …), and from the tenth the key is refused for
 * a quarter of an hour. A successful sign-in clears the account's counter.
 */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const FREE_FAILURES = 3;
export const LOCKOUT_AFTER = 10;
export const LOCKOUT_MS = 15 * 60_000;

/** How long the key is blocked after its `failures`-th failure within the window. */
export function blockAfterFailure(failures: number): number {
  if (failures >= LOCKOUT_AFTER) return LOCKOUT_MS;
  if (failures <= FREE_FAILURES) return 0;
  return 1000 * 2 ** (failures - FREE_FAILURES - 1);
}
