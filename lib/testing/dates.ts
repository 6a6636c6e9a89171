const DAY_MS = 24 * 60 * 60_000;

/** The moment this module was loaded: every date of a test run is counted from it, so none straddles midnight. */
const loadedAt = Date.now();

/**
 * A calendar date this many days from today ("2026-12-30"). Verbs read the real clock (a meeting
 * scheduled, a round opened), so a date that must lie ahead of them is placed relative to it, never
 * on a fixed date that one day falls behind (as e2e/fixtures/dates.ts does for the browser tests).
 */
export function daysFromToday(days: number): string {
  return new Date(loadedAt + days * DAY_MS).toISOString().slice(0, 10);
}
