import type { Role } from "@/lib/policy";

export const DELIVERIES = ["IMMEDIATE", "DIGEST", "OFF"] as const;
export type Delivery = (typeof DELIVERIES)[number];

type KindDefinition = {
  label: string;
  description: string;
  /** What a person gets until they choose otherwise. */
  defaults: Record<Role, Delivery>;
  /** Invitations and sign-off are how the group works; they are always sent at once. */
  isAlwaysOn?: boolean;
};

const everyone = (delivery: Delivery): Record<Role, Delivery> => ({ SECRETARIAT: delivery, DELEGATE: delivery, OBSERVER: delivery });

/**
 * Every kind of notification Accord sends, with its defaults per role. Observers get meeting
 * invitations and round outcomes (and may turn on more); delegates get what concerns their
 * economy; the secretariat gets what is addressed to it personally.
 */
export const NOTIFICATION_KINDS = {
  "meeting.invitation": {
    label: "Meeting invitations",
    description: "A meeting is scheduled, rescheduled or cancelled (a calendar invitation).",
    defaults: everyone("IMMEDIATE"),
    isAlwaysOn: true,
  },
  "meeting.reminder": {
    label: "Attendance reminders",
    description: "The day before a meeting, when your organisation has not answered attendance.",
    defaults: { SECRETARIAT: "OFF", DELEGATE: "IMMEDIATE", OBSERVER: "OFF" },
  },
  "meeting.digest": {
    label: "Economy briefing before meetings",
    description: "The day before a meeting: your economy's open threads and suggestions, pending positions and action items.",
    defaults: { SECRETARIAT: "OFF", DELEGATE: "IMMEDIATE", OBSERVER: "OFF" },
  },
  "comment.mention": {
    label: "Mentions",
    description: "Someone mentions you in a comment.",
    defaults: { SECRETARIAT: "IMMEDIATE", DELEGATE: "IMMEDIATE", OBSERVER: "OFF" },
  },
  "comment.reply": {
    label: "Replies",
    description: "A reply in a thread you started or took part in.",
    defaults: { SECRETARIAT: "DIGEST", DELEGATE: "IMMEDIATE", OBSERVER: "OFF" },
  },
  "comment.outcome": {
    label: "Your economy's proposals and suggestions",
    description: "A proposal of your economy is applied to the text, or the secretariat accepts or rejects its suggestions.",
    defaults: { SECRETARIAT: "OFF", DELEGATE: "IMMEDIATE", OBSERVER: "OFF" },
  },
  "minutes.circulated": {
    label: "Minutes for comment",
    description: "Minutes of a meeting your organisation attended are circulated for comment.",
    defaults: { SECRETARIAT: "OFF", DELEGATE: "IMMEDIATE", OBSERVER: "OFF" },
  },
  "minutes.approved": {
    label: "Minutes approved",
    description: "Minutes of a meeting are approved.",
    defaults: { SECRETARIAT: "OFF", DELEGATE: "IMMEDIATE", OBSERVER: "OFF" },
  },
  "signoff.opened": {
    label: "Sign-off rounds",
    description: "A sign-off round opens, and reminders before its due date while your economy has no position.",
    defaults: everyone("IMMEDIATE"),
    isAlwaysOn: true,
  },
  "signoff.closed": {
    label: "Sign-off outcomes",
    description: "A sign-off round closes, with each economy's position.",
    defaults: everyone("IMMEDIATE"),
    isAlwaysOn: true,
  },
  "actionItem.assigned": {
    label: "Action items",
    description: "An action item is assigned to your economy, is due tomorrow, or is overdue.",
    defaults: { SECRETARIAT: "OFF", DELEGATE: "IMMEDIATE", OBSERVER: "OFF" },
  },
} as const satisfies Record<string, KindDefinition>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const NOTIFICATION_KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

export function isNotificationKind(value: string): value is NotificationKind {
  return Object.hasOwn(NOTIFICATION_KINDS, value);
}

/** The delivery in force for one person and kind, from their stored choice or the role's default. */
export function effectiveDelivery(kind: NotificationKind, role: Role, stored: string | undefined): Delivery {
  const definition: KindDefinition = NOTIFICATION_KINDS[kind];
  // Invitations must reach calendars when they are sent, so an always-on kind is always immediate.
  if (definition.isAlwaysOn) return "IMMEDIATE";
  return (DELIVERIES as readonly string[]).includes(stored ?? "") ? (stored as Delivery) : definition.defaults[role];
}
