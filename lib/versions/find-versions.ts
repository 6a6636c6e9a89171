import { db } from "@/lib/db";
import { getDocument } from "@/lib/documents/find-documents";
import { AppError } from "@/lib/errors";
import { authorize, can, type Actor } from "@/lib/policy";

const versionSummary = {
  id: true,
  documentId: true,
  number: true,
  name: true,
  digest: true,
  isCheckpoint: true,
  createdAt: true,
  createdBy: { select: { name: true, organisationCode: true } },
} as const;

/** A document's versions and checkpoints, newest first, with the sign-offs recorded on each. */
export async function findVersions({ actor, documentId }: { actor: Actor; documentId: string }) {
  const document = await getDocument({ actor, documentId });
  const versions = await db().documentVersion.findMany({
    where: { documentId },
    orderBy: { number: "desc" },
    select: {
      ...versionSummary,
      rounds: {
        orderBy: { openedAt: "asc" },
        select: { id: true, status: true, signOffs: { select: { organisationCode: true, position: true } } },
      },
    },
  });
  return { document, versions: versions.filter((version) => can(actor, "version.read", version)) };
}

/** One version with its stored canonical texts (clean, and with open suggestions if kept); NOT_FOUND unless it belongs to the document. */
export async function getVersion({ actor, documentId, versionId }: { actor: Actor; documentId: string; versionId: string }) {
  const document = await getDocument({ actor, documentId });
  const version = await db().documentVersion.findUnique({ where: { id: versionId }, select: { ...versionSummary, content: true, contentWithSuggestions: true, digestWithSuggestions: true } });
  if (!version || version.documentId !== documentId) throw new AppError("NOT_FOUND", "This version does not exist.");
  authorize(actor, "version.read", version);
  return { document, version };
}
