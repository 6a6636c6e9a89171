import { z } from "zod";
import type { Database, Transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { MeetingTarget } from "@/lib/policy";

export const idSchema = z.string().trim().min(1, "Missing identifier.").max(100);

/** The meeting row the policy decides on, or undefined so `authorize` answers NOT_FOUND. */
export async function findMeetingTarget(client: Database | Transaction, meetingId: string): Promise<MeetingTarget | undefined> {
  const parsed = idSchema.safeParse(meetingId);
  if (!parsed.success) return undefined;
  const meeting = await client.meeting.findUnique({ where: { id: parsed.data }, select: { id: true, status: true, minutesStatus: true, startsAt: true } });
  return meeting ?? undefined;
}

/** Refuses document links that do not exist (a typo or a deleted document), naming the field. */
export async function assertDocumentsExist(client: Database | Transaction, documentIds: string[], field: string): Promise<void> {
  if (documentIds.length === 0) return;
  const found = await client.document.count({ where: { id: { in: documentIds } } });
  if (found !== documentIds.length) {
    throw new AppError("INVALID_INPUT", undefined, { [field]: ["One of the chosen documents no longer exists. Reload and choose again."] });
  }
}
