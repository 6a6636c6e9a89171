import { ORGANISATIONS } from "@/lib/organisations/catalogue";

/** Who is expected at every meeting: the six economies and the observer organisations. */
export const ATTENDING_ORGANISATIONS = ORGANISATIONS.filter((entry) => entry.kind === "ECONOMY" || entry.kind === "OBSERVER");

export const ATTENDANCE_STATUSES = ["INVITED", "CONFIRMED", "ATTENDED", "APOLOGIES", "ABSENT"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
