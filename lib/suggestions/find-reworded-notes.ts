import { z } from "zod";
import { parseAuditData } from "@/lib/audit/read-data";
import { db } from "@/lib/db";

const rewordedNoteSchema = z.object({ wording: z.string(), proposed: z.string() });
const auditedNotes = z.object({ notes: z.array(rewordedNoteSchema).optional() });

export type RewordedNote = z.infer<typeof rewordedNoteSchema>;

/**
 * The notes each of these decided suggestions proposed new wording for, both wordings in full, as
 * their audit events keep them (lib/suggestions/record-suggestion-outcomes.ts): a note's new
 * wording puts no words in the text, so the `Suggestion` row has none to keep.
 */
export async function findRewordedNotes(suggestionIds: string[]): Promise<Map<string, RewordedNote[]>> {
  const found = new Map<string, RewordedNote[]>();
  if (suggestionIds.length === 0) return found;
  const events = await db().auditEvent.findMany({ where: { targetType: "suggestion", targetId: { in: suggestionIds } }, select: { targetId: true, data: true } });
  for (const event of events) {
    const notes = parseAuditData(auditedNotes, event.data)?.notes;
    if (event.targetId && notes?.length) found.set(event.targetId, notes);
  }
  return found;
}
