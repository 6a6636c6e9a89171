import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";

const documentSummary = {
  id: true,
  title: true,
  kind: true,
  draftingRule: true,
  createdAt: true,
  lastEditedAt: true,
  lastEditedBy: { select: { name: true, organisationCode: true } },
  minutesOf: { select: { id: true, title: true, minutesStatus: true } },
} as const;

/** The working group's documents, the MoU first, then by last edit. */
export async function findDocuments({ actor }: { actor: Actor }) {
  authorize(actor, "workspace.read", null);
  const documents = await db().document.findMany({ select: documentSummary, orderBy: [{ lastEditedAt: "desc" }, { createdAt: "desc" }] });
  return documents.sort((a, b) => Number(b.kind === "MOU") - Number(a.kind === "MOU"));
}

/** One document with what its page needs; NOT_FOUND if it does not exist. */
export async function getDocument({ actor, documentId }: { actor: Actor; documentId: string }) {
  const document = await db().document.findUnique({ where: { id: documentId }, select: { ...documentSummary, yjsState: true } });
  if (!document) throw new AppError("NOT_FOUND", "This document does not exist.");
  const target = { id: document.id, kind: document.kind, draftingRule: document.draftingRule, minutesStatus: document.minutesOf?.minutesStatus ?? null };
  authorize(actor, "document.read", target);
  return { ...document, target };
}
