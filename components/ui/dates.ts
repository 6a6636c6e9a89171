const DATE_TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Belgrade" });
const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Europe/Belgrade" });

/** A date and time as the group reads it (Central European time, where the RCC sits). */
export function formatDateTime(value: Date | string): string {
  return `${DATE_TIME.format(new Date(value))} CET`;
}

export function formatDate(value: Date | string): string {
  return DATE.format(new Date(value));
}
