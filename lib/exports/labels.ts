import type { ExportThread } from "@/lib/exports/place-threads";

/** Words for a thread's kind and status in exported files (the panel's own labels live with its components). */
export const KIND_LABEL: Record<ExportThread["kind"], string> = { REMARK: "Remark", PROPOSAL: "Proposal", RESERVATION: "Reservation", QUESTION: "Question" };
export const STATUS_LABEL: Record<ExportThread["status"], string> = { OPEN: "Open", ANSWERED: "Answered", RESOLVED: "Resolved" };

/** What came of a thread, in a sentence; empty while nothing has. */
export function threadOutcome(thread: Pick<ExportThread, "status" | "appliedAt" | "resolvedAt" | "resolvedBy">): string {
  const date = (value: Date) => value.toISOString().slice(0, 10);
  if (thread.appliedAt) return `Proposed wording applied on ${date(thread.appliedAt)}.`;
  if (thread.status === "RESOLVED") {
    const by = thread.resolvedBy ? ` by ${thread.resolvedBy.name}` : "";
    return `Resolved${by}${thread.resolvedAt ? ` on ${date(thread.resolvedAt)}` : ""}.`;
  }
  if (thread.status === "ANSWERED") return "Answered; awaiting the economy.";
  return "";
}
