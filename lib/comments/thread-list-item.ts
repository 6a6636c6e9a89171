import { z } from "zod";
import type { Actor } from "@/lib/policy";
import type { ThreadAnchor } from "@/lib/comments/anchors";
import { toThreadView, type ThreadRow, type ThreadView } from "@/lib/comments/thread-view";

/**
 * Who places the threads' anchors: the server, from the stored document (the default, for any
 * client), or the client itself, from the live document its editor holds (the comments panel once
 * its editor has loaded), so the server need not read and decode the document at all.
 */
export const anchorPlacementSchema = z.preprocess(
  (value) => value || undefined,
  z.enum(["server", "client"], { error: "Anchors are placed by the server or the client." }).default("server"),
);

/**
 * How long a new thread may have no anchor in the stored document before it counts as detached:
 * the browser that made it marks the passage right after the thread is stored, and that edit
 * reaches the database a moment later through the collaboration socket.
 */
const ANCHOR_GRACE_MILLISECONDS = 30_000;

/**
 * A thread in the comments panel. `position` (a key ordering passages by reading order, null when
 * the passage is gone) and `anchoredText` are present only when the server placed the anchors.
 */
export type ThreadListItem = ThreadView & { position?: number | null; anchoredText?: string | null };

/**
 * A loaded thread as a list item for the viewer. With the anchors the server placed, a thread is
 * detached once its passage's words are all gone (after the grace period for a new one); without
 * (`null`: the client places them) it carries no position.
 */
export function toThreadListItem(thread: ThreadRow, actor: Actor, anchors: ReadonlyMap<string, ThreadAnchor> | null, now = Date.now()): ThreadListItem {
  if (!anchors) return toThreadView(thread, actor);
  const anchor = anchors.get(thread.id);
  const isAwaitingAnchor = !anchor && now - thread.createdAt.getTime() < ANCHOR_GRACE_MILLISECONDS;
  const isDetached = !anchor && !isAwaitingAnchor;
  return { ...toThreadView({ ...thread, isDetached }, actor), position: anchor?.position ?? null, anchoredText: anchor?.text ?? null };
}
