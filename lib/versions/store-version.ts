import type { AuditInput } from "@/lib/audit/record";
import { digestOfVersionRow, versionRowSelect } from "@/lib/audit/row-digest";
import type { Transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/policy";
import type { VersionTexts } from "@/lib/versions/canonical-content";

const MAX_ATTEMPTS = 3;

/**
 * Stores a version of a document's text under the next number, with its `version.created` audit
 * event, inside the caller's audited transaction: for the verbs that freeze a text (saving a
 * version or checkpoint, and keeping the previous text before it is replaced from Word). The caller
 * has authorized the actor and computed the texts (clean and with open suggestions) and their digests.
 */
export async function storeVersion(
  transaction: Transaction,
  audit: (input: AuditInput) => Promise<void>,
  { actor, documentId, name, texts, isCheckpoint }: { actor: Actor; documentId: string; name: string; texts: VersionTexts; isCheckpoint: boolean },
) {
  const latest = await transaction.documentVersion.findFirst({ where: { documentId }, orderBy: { number: "desc" }, select: { number: true } });
  const version = await transaction.documentVersion.create({
    data: {
      documentId,
      number: (latest?.number ?? 0) + 1,
      name,
      content: texts.content,
      digest: texts.digest,
      contentWithSuggestions: texts.contentWithSuggestions,
      digestWithSuggestions: texts.digestWithSuggestions,
      isCheckpoint,
      createdById: actor.id,
    },
    select: versionRowSelect,
  });
  await audit({
    actorId: actor.id,
    organisationCode: actor.organisationCode,
    action: "version.created",
    targetType: "documentVersion",
    targetId: version.id,
    // Binds the row as written: verification re-reads it and notices a version altered, deleted or slipped in.
    rowDigest: digestOfVersionRow(version),
    // The digest in the hash-chained log lets verification notice a version whose content and digest were both rewritten.
    data: { documentId, number: version.number, name: version.name, digest: version.digest, digestWithSuggestions: version.digestWithSuggestions, isCheckpoint: version.isCheckpoint },
  });
  const { documentId: _documentId, createdById: _createdById, ...created } = version;
  return created;
}

/**
 * Runs a transaction that stores a version, again when another version took the same number
 * meanwhile (two people saving at the same moment both pick the next number; the loser takes the
 * one after).
 */
export async function withNextVersionNumber<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isNumberConflict(error)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new AppError("CONFLICT", "Several versions were saved at the same moment. Please try again.");
    }
  }
}

function isNumberConflict(error: unknown): boolean {
  const candidate = error as { code?: string; meta?: { target?: unknown } };
  return candidate?.code === "P2002" && JSON.stringify(candidate.meta?.target ?? "").includes("number");
}
