import { z } from "zod";

/**
 * What changed in a document's discussion. Events carry ids only: a listener fetches what it may
 * read (the changed thread), so an event never leaks content. A module of its own, free of server
 * code, because the browser parses the same events from the event stream.
 */
export const documentEventSchema = z.object({
  type: z.enum(["thread.created", "thread.updated", "comment.created", "comment.updated", "comment.deleted"]),
  documentId: z.string().min(1),
  threadId: z.string().min(1),
});
export type DocumentEvent = z.infer<typeof documentEventSchema>;
