import { z } from "zod";
import { parseAuditData } from "@/lib/audit/read-data";
import { hashAuditEntry } from "@/lib/audit/record";
import { digestOfSignOffRow, digestOfVersionRow, signOffRowSelect, versionRowSelect, type BoundRowType } from "@/lib/audit/row-digest";
import { db } from "@/lib/db";

/**
 * altered: the row differs from what its newest audit entry recorded; deleted: an entry recorded a row
 * that is gone; unrecorded: a row no audit entry recorded (inserted behind Accord's back);
 * entryAltered: the entry that recorded the row no longer gives its own hash.
 */
export type RowProblemKind = "altered" | "deleted" | "unrecorded" | "entryAltered";

export type RowProblem = {
  rowType: BoundRowType;
  rowId: string;
  kind: RowProblemKind;
  /** The newest audit entry that recorded the row; null for an unrecorded row. */
  auditEventId: number | null;
  documentId: string | null;
  /** For a sign-off position: its round and economy. */
  roundId: string | null;
  organisationCode: string | null;
  /** For a version: its number and name (as the audit entry recorded them when the row is gone). */
  versionNumber: number | null;
  versionName: string | null;
  /** Names the row for a person: "Position of ME in round …" or "Version 2 “Draft 2” …". */
  description: string;
};

export type RowVerification = { signOffCount: number; versionCount: number; problems: RowProblem[] };

// Entries written before rows carried a digest: their recorded fields are compared instead.
const LEGACY_BINDING_ACTIONS: Record<BoundRowType, string> = { signOff: "signOff.recorded", documentVersion: "version.created" };

const recordedContext = z.object({
  documentId: z.string().optional(),
  roundId: z.string().optional(),
  economy: z.string().optional(),
  number: z.number().optional(),
  name: z.string().optional(),
});
const legacySignOff = z.object({
  position: z.string(),
  reservation: z.string().nullable(),
  reason: z.string().nullable(),
  onBehalfReason: z.string().nullable(),
  versionDigest: z.string(),
});
const legacyVersion = z.object({ digest: z.string() });

type Binding = { auditEventId: number; rowDigest: string | null; data: string; isEntryIntact: boolean };

function describeSignOff(row: { id: string; organisationCode?: string; roundId?: string; documentId?: string | null }): string {
  return `Position of ${row.organisationCode ?? "an economy"} in sign-off round ${row.roundId ?? "?"} of document ${row.documentId ?? "?"} (row ${row.id})`;
}

function describeVersion(row: { id: string; number?: number; name?: string; documentId?: string | null }): string {
  return `Version ${row.number ?? "?"} “${row.name ?? "?"}” of document ${row.documentId ?? "?"} (row ${row.id})`;
}

const PROBLEM_TEXT: Record<RowProblemKind, (auditEventId: number | null) => string> = {
  altered: (id) => `altered since audit entry #${id} recorded it`,
  deleted: (id) => `deleted, though audit entry #${id} recorded it`,
  unrecorded: () => "no audit entry records it: it was inserted outside Accord",
  entryAltered: (id) => `audit entry #${id}, which recorded it, was altered`,
};

/**
 * Re-reads every sign-off position and every version row and checks each against the newest audit
 * entry that recorded it, and each such entry against its row. Together with the hash chain (which
 * protects those entries) this detects a position or version altered, deleted or inserted directly in
 * the database. Skips the policy on purpose: callers are the operator's command or a check that has
 * already authorised the reader.
 */
export async function unsafeVerifyBoundRows({ documentId }: { documentId?: string } = {}): Promise<RowVerification> {
  const [events, signOffs, rounds, versions] = await Promise.all([
    db().auditEvent.findMany({
      where: { targetType: { in: ["signOff", "documentVersion"] } },
      orderBy: { id: "asc" },
    }),
    db().signOff.findMany({ select: signOffRowSelect }),
    db().signOffRound.findMany({ select: { id: true, documentId: true } }),
    db().documentVersion.findMany({ select: versionRowSelect }),
  ]);
  const bindings: Record<BoundRowType, Map<string, Binding>> = { signOff: new Map(), documentVersion: new Map() };
  for (const event of events) {
    const rowType = event.targetType as BoundRowType;
    if (event.rowDigest === null && event.action !== LEGACY_BINDING_ACTIONS[rowType]) continue;
    // The newest entry wins: a position recorded again replaces the row, and its entry the earlier one.
    // Checking the entry's own hash here lets a page that does not walk the whole chain still notice a forged entry.
    const isEntryIntact = hashAuditEntry(event) === event.hash;
    bindings[rowType].set(event.targetId, { auditEventId: event.id, rowDigest: event.rowDigest, data: event.data, isEntryIntact });
  }
  const roundDocument = new Map(rounds.map((round) => [round.id, round.documentId]));
  const problems: RowProblem[] = [];

  for (const row of signOffs) {
    const binding = bindings.signOff.get(row.id);
    bindings.signOff.delete(row.id);
    const rowDocumentId = roundDocument.get(row.roundId) ?? null;
    const context = { rowType: "signOff" as const, rowId: row.id, documentId: rowDocumentId, roundId: row.roundId, organisationCode: row.organisationCode, versionNumber: null, versionName: null };
    const description = describeSignOff({ ...row, documentId: rowDocumentId });
    if (!binding) problems.push({ ...context, kind: "unrecorded", auditEventId: null, description });
    else if (!binding.isEntryIntact) problems.push({ ...context, kind: "entryAltered", auditEventId: binding.auditEventId, description });
    else if (!isSignOffAsRecorded(row, binding)) problems.push({ ...context, kind: "altered", auditEventId: binding.auditEventId, description });
  }
  for (const row of versions) {
    const binding = bindings.documentVersion.get(row.id);
    bindings.documentVersion.delete(row.id);
    const context = { rowType: "documentVersion" as const, rowId: row.id, documentId: row.documentId, roundId: null, organisationCode: null, versionNumber: row.number, versionName: row.name };
    const description = describeVersion(row);
    if (!binding) problems.push({ ...context, kind: "unrecorded", auditEventId: null, description });
    else if (!binding.isEntryIntact) problems.push({ ...context, kind: "entryAltered", auditEventId: binding.auditEventId, description });
    else if (!isVersionAsRecorded(row, binding)) problems.push({ ...context, kind: "altered", auditEventId: binding.auditEventId, description });
  }
  // What is left was recorded but has no row any more.
  for (const [rowType, remaining] of Object.entries(bindings) as [BoundRowType, Map<string, Binding>][]) {
    for (const [rowId, binding] of remaining) {
      const recorded = parseAuditData(recordedContext, binding.data) ?? {};
      const description =
        rowType === "signOff"
          ? describeSignOff({ id: rowId, organisationCode: recorded.economy, roundId: recorded.roundId, documentId: recorded.documentId })
          : describeVersion({ id: rowId, number: recorded.number, name: recorded.name, documentId: recorded.documentId });
      problems.push({
        rowType,
        rowId,
        kind: "deleted",
        auditEventId: binding.auditEventId,
        documentId: recorded.documentId ?? null,
        roundId: recorded.roundId ?? null,
        organisationCode: rowType === "signOff" ? (recorded.economy ?? null) : null,
        versionNumber: rowType === "documentVersion" ? (recorded.number ?? null) : null,
        versionName: rowType === "documentVersion" ? (recorded.name ?? null) : null,
        description,
      });
    }
  }
  const described = problems.map((problem) => ({ ...problem, description: `${problem.description}: ${PROBLEM_TEXT[problem.kind](problem.auditEventId)}` }));
  return {
    signOffCount: signOffs.length,
    versionCount: versions.length,
    problems: documentId ? described.filter((problem) => problem.documentId === documentId) : described,
  };
}

function isSignOffAsRecorded(row: Parameters<typeof digestOfSignOffRow>[0], binding: Binding): boolean {
  if (binding.rowDigest !== null) return binding.rowDigest === digestOfSignOffRow(row);
  const recorded = parseAuditData(legacySignOff, binding.data);
  return (
    recorded !== null &&
    recorded.position === row.position &&
    recorded.reservation === row.reservation &&
    recorded.reason === row.reason &&
    recorded.onBehalfReason === row.onBehalfReason &&
    recorded.versionDigest === row.versionDigest
  );
}

function isVersionAsRecorded(row: Parameters<typeof digestOfVersionRow>[0], binding: Binding): boolean {
  if (binding.rowDigest !== null) return binding.rowDigest === digestOfVersionRow(row);
  return parseAuditData(legacyVersion, binding.data)?.digest === row.digest;
}
