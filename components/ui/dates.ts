const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/Belgrade",
});
const ZONE_NAME = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Belgrade", timeZoneName: "short" });
const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Europe/Belgrade" });

/** A date and time as the group reads it: Central European time, where the RCC sits, with CET/CEST spelled out. */
export function formatDateTime(value: Date | string): string {
  const date = new Date(value);
  const zone = ZONE_NAME.formatToParts(date).find((part) => part.type === "timeZoneName")?.value ?? "";
  return `${DATE_TIME.format(date)} ${zone.replace("GMT+1", "CET").replace("GMT+2", "CEST")}`.trim();
}

export function formatDate(value: Date | string): string {
  return DATE.format(new Date(value));
}
