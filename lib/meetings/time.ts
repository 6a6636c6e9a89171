import { DateTime, IANAZone } from "luxon";

/** Where the RCC sits; meetings are scheduled in this zone unless the secretariat picks another. */
export const DEFAULT_TIME_ZONE = "Europe/Belgrade";

/** The group's own calendar day boundaries (for due dates) follow the RCC's zone. */
export const GROUP_TIME_ZONE = DEFAULT_TIME_ZONE;

const LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm";

/** Whether a name is an IANA time zone the runtime knows (e.g. "Europe/Belgrade"). */
export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/** The IANA zones offered when scheduling, the group's own first. */
export function timeZoneChoices(): string[] {
  const zones = Intl.supportedValuesOf("timeZone").filter((zone) => zone !== DEFAULT_TIME_ZONE);
  return [DEFAULT_TIME_ZONE, ...zones];
}

/**
 * The instant a wall-clock time ("2026-03-29T10:00") names in a zone, or null when that time
 * does not exist there (the hour skipped when clocks go forward), so nobody is invited to a time
 * their calendar cannot show. A time that occurs twice (the hour repeated when clocks go back)
 * is its first occurrence, as RFC 5545 §3.3.5 reads it, so Accord and every calendar agree.
 */
export function instantFromLocal(local: string, zone: string): Date | null {
  const value = DateTime.fromFormat(local, LOCAL_FORMAT, { zone });
  if (!value.isValid || value.toFormat(LOCAL_FORMAT) !== local) return null;
  // Luxon picks the later of two possible offsets; the earliest instant is the first occurrence.
  const first = value.getPossibleOffsets().reduce((earliest, candidate) => (candidate < earliest ? candidate : earliest), value);
  return first.toJSDate();
}

/** The wall-clock time of an instant in a zone, as a datetime-local input expects it. */
export function localFromInstant(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat(LOCAL_FORMAT);
}

/** A calendar date ("2026-05-31") as stored for due dates: midnight UTC of that date. */
export function dateFromIsoDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

/** The calendar date of a stored due date. */
export function isoDateOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Today's date in the group's zone ("2026-05-31"). */
export function todayIsoDate(now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone: GROUP_TIME_ZONE }).toISODate()!;
}
