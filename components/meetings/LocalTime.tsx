"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
// The server does not know the viewer's zone; it renders nothing and the browser fills it in.
const serverZone = () => null;

/**
 * The meeting's time in the viewer's own time zone, computed by the browser, so a delegate
 * travelling or in another zone sees when to connect without doing the arithmetic.
 */
export function LocalTime({ startsAt, endsAt, meetingTimeZone, className }: {
  startsAt: Date;
  endsAt: Date;
  meetingTimeZone: string;
  className?: string;
}) {
  const zone = useSyncExternalStore(subscribe, browserZone, serverZone);
  if (!zone) return null;
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const offsetOf = (date: Date, timeZone: string) =>
    new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "longOffset" }).formatToParts(date).find((part) => part.type === "timeZoneName")?.value;
  if (offsetOf(start, zone) === offsetOf(start, meetingTimeZone) && offsetOf(end, zone) === offsetOf(end, meetingTimeZone)) {
    return <span className={className} data-testid="local-time">Same time where you are ({zone}).</span>;
  }
  const dateTime = new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
  const time = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit" });
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: zone, dateStyle: "short" });
  const endText = day.format(start) === day.format(end) ? time.format(end) : dateTime.format(end);
  return (
    <span className={className} data-testid="local-time">
      Your time: {dateTime.format(start)}–{endText} ({zone})
    </span>
  );
}
