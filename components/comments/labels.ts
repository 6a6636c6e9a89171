import type { ThreadKind, ThreadStatus } from "@/lib/comments/thread-view";

export const KIND_LABEL: Record<ThreadKind, string> = {
  REMARK: "Remark",
  PROPOSAL: "Proposal",
  RESERVATION: "Reservation",
  QUESTION: "Question",
};

/** Longer names for the kind picker, where the person chooses what they are saying. */
export const KIND_CHOICE_LABEL: Record<ThreadKind, string> = {
  REMARK: "Remark",
  PROPOSAL: "Proposal for new wording",
  RESERVATION: "Reservation",
  QUESTION: "Question",
};

export const STATUS_LABEL: Record<ThreadStatus, string> = { OPEN: "Open", ANSWERED: "Answered", RESOLVED: "Resolved" };

export const STATUS_BADGE: Record<ThreadStatus, string> = {
  OPEN: "badge badge--warning",
  ANSWERED: "badge badge--info",
  RESOLVED: "badge badge--success",
};
