import { z } from "zod";
import { parseAuditData } from "@/lib/audit/read-data";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/policy";
import { digestOfContent, isCanonicalJson } from "@/lib/versions/canonical-content";
import { getVersion } from "@/lib/versions/find-versions";

const versionCreatedData = z.object({ digest: z.string() });

export type VersionVerification = {
  storedDigest: string;
  recomputedDigest: string;
  /** The digest written into the hash-chained audit log when the version was saved; null if that entry is missing. */
  recordedDigest: string | null;
  recordedAuditEventId: number | null;
  isContentIntact: boolean;
  /** Whether the text with open suggestions matches its digest; null for a version saved before it was kept. */
  isTextWithSuggestionsIntact: boolean | null;
  isCanonical: boolean;
  isRecordIntact: boolean;
  isIntact: boolean;
};

/**
 * Recomputes a version's digest from its stored content and checks it against the stored digest
 * and against the digest the audit log recorded at saving time, so rewriting both the content and
 * its digest is still noticed (the audit entry itself is protected by the hash chain). The text with
 * open suggestions is checked against its own digest, which the audited row digest binds.
 */
export async function verifyVersion({ actor, documentId, versionId }: { actor: Actor; documentId: string; versionId: string }) {
  const { document, version } = await getVersion({ actor, documentId, versionId });
  const [verification] = await verifyStoredVersions([version]);
  return { document, version, verification };
}

/**
 * Verifies every version in the database. Skips the policy on purpose: it serves the operator's
 * `npm run audit:verify`, which runs on the server with no signed-in actor.
 */
export async function unsafeVerifyAllVersions() {
  const versions = await db().documentVersion.findMany({ orderBy: [{ documentId: "asc" }, { number: "asc" }], select: { id: true, documentId: true, number: true, name: true, digest: true, content: true, contentWithSuggestions: true, digestWithSuggestions: true },
  });
  const verifications = await verifyStoredVersions(versions);
  return versions.map(({ content: _content, contentWithSuggestions: _withSuggestions, ...version }, index) => ({ version, verification: verifications[index] }));
}

type StoredVersion = { id: string; digest: string; content: string; contentWithSuggestions: string | null; digestWithSuggestions: string | null };

async function verifyStoredVersions(versions: StoredVersion[]): Promise<VersionVerification[]> {
  const events = await db().auditEvent.findMany({
    where: { targetType: "documentVersion", action: "version.created", targetId: { in: versions.map((version) => version.id) } },
    orderBy: { id: "asc" },
    select: { id: true, targetId: true, data: true },
  });
  return versions.map((version) => {
    const event = events.find((candidate) => candidate.targetId === version.id);
    const recordedDigest = event ? (parseAuditData(versionCreatedData, event.data)?.digest ?? null) : null;
    const recomputedDigest = digestOfContent(version.content);
    const isContentIntact = recomputedDigest === version.digest;
    const isCanonical = isCanonicalJson(version.content);
    const isRecordIntact = recordedDigest === version.digest;
    const isTextWithSuggestionsIntact =
      version.contentWithSuggestions === null && version.digestWithSuggestions === null
        ? null
        : version.contentWithSuggestions !== null && digestOfContent(version.contentWithSuggestions) === version.digestWithSuggestions;
    return {
      storedDigest: version.digest,
      recomputedDigest,
      recordedDigest,
      recordedAuditEventId: event?.id ?? null,
      isContentIntact,
      isTextWithSuggestionsIntact,
      isCanonical,
      isRecordIntact,
      isIntact: isContentIntact && isTextWithSuggestionsIntact !== false && isCanonical && isRecordIntact,
    };
  });
}
