/** Words the meetings UI uses for stored values, kept in one place. */
export const FORMAT_LABEL = { IN_PERSON: "In person", ONLINE: "Online", HYBRID: "Hybrid" } as const;

export const ATTENDANCE_LABEL = {
  INVITED: "Invited",
  CONFIRMED: "Will attend",
  ATTENDED: "Attended",
  APOLOGIES: "Apologies",
  ABSENT: "Absent",
} as const;

export const ATTENDANCE_TONE = {
  INVITED: "",
  CONFIRMED: "badge--info",
  ATTENDED: "badge--success",
  APOLOGIES: "badge--warning",
  ABSENT: "badge--danger",
} as const;

export const MINUTES_LABEL = { DRAFT: "Draft", CIRCULATED: "Circulated for comments", APPROVED: "Approved" } as const;

const DUE_DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** A due date as stored (midnight UTC of the calendar date), shown as that date everywhere. */
export function formatDueDate(value: Date): string {
  return DUE_DATE.format(value);
}
