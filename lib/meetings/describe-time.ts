import { DateTime } from "luxon";

/**
 * A meeting's time in its own zone, e.g. "Thursday 20 February 2020, 10:00–16:00 (Europe/Belgrade, CET)".
 * Used wherever the server writes the time as text (minutes, calendar descriptions, history).
 */
export function describeMeetingTime({ startsAt, endsAt, timeZone }: { startsAt: Date; endsAt: Date; timeZone: string }): string {
  const start = DateTime.fromJSDate(startsAt, { zone: timeZone }).setLocale("en-GB");
  const end = DateTime.fromJSDate(endsAt, { zone: timeZone }).setLocale("en-GB");
  const isSameDay = start.hasSame(end, "day");
  const endText = isSameDay ? end.toFormat("HH:mm") : end.toFormat("cccc d LLLL yyyy, HH:mm");
  const abbreviations = [...new Set([start.offsetNameShort, end.offsetNameShort])].join("/");
  return `${start.toFormat("cccc d LLLL yyyy, HH:mm")}–${endText} (${timeZone}, ${abbreviations})`;
}
