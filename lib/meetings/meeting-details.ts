import { z } from "zod";
import { DEFAULT_TIME_ZONE, instantFromLocal, isTimeZone } from "@/lib/meetings/time";

export const MEETING_FORMATS = ["IN_PERSON", "ONLINE", "HYBRID"] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

const LONGEST_MEETING_HOURS = 24 * 7;

/**
 * Titles and venues travel into calendar files, where a line break would start a new property;
 * control characters (line breaks, tabs, escapes) are refused with a message, never stripped silently.
 */
export const SINGLE_LINE_MESSAGE = "Use a single line of plain text: no line breaks, tabs or other control characters.";
/** Whether the text has no control characters (see SINGLE_LINE_MESSAGE). */
export function isSingleLine(text: string): boolean {
  return !/\p{Cc}/u.test(text);
}

const localDateTime = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Enter a date and time.");
const optionalText = (max: number, message: string) =>
  z.string().trim().max(max, message).refine(isSingleLine, SINGLE_LINE_MESSAGE).optional().transform((value) => value || null);

/**
 * What the secretariat fills in to schedule or change a meeting. Times are wall-clock times in
 * the meeting's named zone; they become instants here, once, so the database holds only UTC.
 */
export const meetingDetailsInput = z
  .object({
    title: z.string().trim().min(3, "Give the meeting a title of at least 3 characters.").max(200, "Keep the title under 200 characters.").refine(isSingleLine, SINGLE_LINE_MESSAGE),
    startsAt: localDateTime,
    endsAt: localDateTime,
    timeZone: z
      .string()
      .trim()
      .default(DEFAULT_TIME_ZONE)
      .refine(isTimeZone, "Choose a time zone from the list, for example Europe/Belgrade."),
    format: z.enum(MEETING_FORMATS, "Choose in person, online or hybrid."),
    venue: optionalText(300, "Keep the venue under 300 characters."),
    onlineUrl: z
      .union([z.literal(""), z.url({ protocol: /^https?$/, error: "Enter the full meeting link, starting with https://." })])
      .optional()
      .transform((value) => value || null),
    documentIds: z.array(z.string().min(1).max(100)).max(20, "Link at most 20 documents.").default([]),
  })
  .transform((details, context) => {
    const startsAt = instantFromLocal(details.startsAt, details.timeZone);
    const endsAt = instantFromLocal(details.endsAt, details.timeZone);
    const skipped = "This time does not exist in the chosen zone (clocks go forward then). Choose another time.";
    if (!startsAt) context.addIssue({ code: "custom", path: ["startsAt"], message: skipped });
    if (!endsAt) context.addIssue({ code: "custom", path: ["endsAt"], message: skipped });
    if (startsAt && endsAt && endsAt <= startsAt) {
      context.addIssue({ code: "custom", path: ["endsAt"], message: "The meeting must end after it starts." });
    }
    if (startsAt && endsAt && endsAt.getTime() - startsAt.getTime() > LONGEST_MEETING_HOURS * 3600_000) {
      context.addIssue({ code: "custom", path: ["endsAt"], message: "A meeting can last at most a week." });
    }
    if (details.format !== "ONLINE" && !details.venue) {
      context.addIssue({ code: "custom", path: ["venue"], message: "Say where the meeting takes place." });
    }
    if (details.format !== "IN_PERSON" && !details.onlineUrl) {
      context.addIssue({ code: "custom", path: ["onlineUrl"], message: "Give the link participants use to join." });
    }
    if (!startsAt || !endsAt) return z.NEVER;
    return {
      title: details.title,
      startsAt,
      endsAt,
      timeZone: details.timeZone,
      format: details.format,
      // A venue or link that the format does not use is dropped, so the calendar never shows a stale one.
      venue: details.format === "ONLINE" ? null : details.venue,
      onlineUrl: details.format === "IN_PERSON" ? null : details.onlineUrl,
      documentIds: [...new Set(details.documentIds)],
    };
  });

export type MeetingDetails = z.output<typeof meetingDetailsInput>;
export type MeetingDetailsInput = z.input<typeof meetingDetailsInput>;
