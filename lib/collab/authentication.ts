import type { IncomingHttpHeaders } from "node:http";
import { z } from "zod";
import { db } from "@/lib/db";
import { collaborationAccess, type Actor, type DocumentTarget } from "@/lib/policy";

/** A websocket document name is a document's database id (a cuid). */
export const documentNameSchema = z.string().regex(/^[a-z0-9]{20,40}$/, "not a document id");

export type CollaborationAccess = "read-write" | "suggest" | "read-only";

/**
 * Whether an upgrade may proceed: a browser always sends Origin, and only pages of this app (its
 * own host, or an origin listed in ACCORD_ALLOWED_ORIGINS) may open the socket with the
 * person's cookie. Requests without Origin come from non-browser clients, which cannot borrow a
 * browser's cookie, so they are left to the session check.
 */
export function isAllowedOrigin(headers: IncomingHttpHeaders, allowedOrigins: readonly string[]): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}

/** The policy's view of documents, keyed by id; missing ids are absent. */
export async function findDocumentTargets(documentIds: string[]): Promise<Map<string, DocumentTarget>> {
  const documents = await db().document.findMany({
    where: { id: { in: documentIds } },
    select: { id: true, kind: true, draftingRule: true, minutesOf: { select: { minutesStatus: true } } },
  });
  return new Map(documents.map((document) => [document.id, { id: document.id, kind: document.kind, draftingRule: document.draftingRule, minutesStatus: document.minutesOf?.minutesStatus ?? null }]));
}

/** What the actor may do in the named document over the websocket; "none" for unknown documents. */
export async function findCollaborationAccess({ actor, documentName }: { actor: Actor; documentName: string }): Promise<CollaborationAccess | "none"> {
  return (await findCollaborationTarget({ actor, documentName }))?.access ?? "none";
}

/** The named document as the policy sees it, with the actor's access to it; null for unknown documents. */
export async function findCollaborationTarget({ actor, documentName }: { actor: Actor; documentName: string }): Promise<{ access: CollaborationAccess | "none"; target: DocumentTarget } | null> {
  const parsed = documentNameSchema.safeParse(documentName);
  if (!parsed.success) return null;
  const target = (await findDocumentTargets([parsed.data])).get(parsed.data);
  return target ? { access: collaborationAccess(actor, target), target } : null;
}
