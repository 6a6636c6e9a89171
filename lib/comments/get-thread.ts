import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";
import { findStoredThreadAnchors } from "@/lib/comments/anchor-cache";
import { findDocumentTarget } from "@/lib/comments/targets";
import { anchorPlacementSchema, toThreadListItem, type ThreadListItem } from "@/lib/comments/thread-list-item";
import { threadInclude } from "@/lib/comments/thread-view";

const idSchema = z.string().min(1).max(64, "Not a valid id.");

export const getThreadInput = z.object({ documentId: idSchema, threadId: idSchema, anchors: anchorPlacementSchema });

/**
 * One thread of a document, as the list shows it: what an open comments panel fetches when an
 * event says this thread changed, instead of the whole discussion. Readable by whoever may read
 * the document; a thread of another document is not found through this one.
 */
export async function getThread({ actor, ...input }: { actor: Actor } & z.input<typeof getThreadInput>): Promise<ThreadListItem> {
  const { documentId, threadId, anchors } = parseInput(getThreadInput, input);
  authorize(actor, "document.read", await findDocumentTarget(db(), documentId));
  const [thread, placed] = await Promise.all([
    db().commentThread.findFirst({ where: { id: threadId, documentId }, include: threadInclude }),
    anchors === "server" ? findStoredThreadAnchors({ documentId }) : null,
  ]);
  if (!thread) throw new AppError("NOT_FOUND");
  return toThreadListItem(thread, actor, placed);
}
