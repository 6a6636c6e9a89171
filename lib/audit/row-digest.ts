import crypto from "node:crypto";

/** The tables whose rows are bound to the audit chain: each entry recording one carries the row's digest. */
export const BOUND_ROW_TYPES = ["signOff", "documentVersion"] as const;
export type BoundRowType = (typeof BOUND_ROW_TYPES)[number];

/** Every column of a sign-off position that means something to the economies. */
export type SignOffRow = {
  id: string;
  roundId: string;
  organisationCode: string;
  position: string;
  reservation: string | null;
  reason: string | null;
  onBehalfReason: string | null;
  versionDigest: string;
  recordedById: string;
  recordedAt: Date;
};

/**
 * Every column of a version except its two texts, which their own digest columns bind (and
 * verification recomputes).
 */
export type VersionRow = {
  id: string;
  documentId: string;
  number: number;
  name: string;
  digest: string;
  digestWithSuggestions: string | null;
  isCheckpoint: boolean;
  createdById: string;
  createdAt: Date;
};

export const signOffRowSelect = {
  id: true,
  roundId: true,
  organisationCode: true,
  position: true,
  reservation: true,
  reason: true,
  onBehalfReason: true,
  versionDigest: true,
  recordedById: true,
  recordedAt: true,
} as const;

export const versionRowSelect = {
  id: true,
  documentId: true,
  number: true,
  name: true,
  digest: true,
  digestWithSuggestions: true,
  isCheckpoint: true,
  createdById: true,
  createdAt: true,
} as const;

function sha256(fields: unknown[]): string {
  return crypto.createHash("sha256").update(JSON.stringify(fields)).digest("hex");
}

/** SHA-256 over a sign-off row's columns in a fixed order (dates as ISO strings: both backends keep milliseconds). */
export function digestOfSignOffRow(row: SignOffRow): string {
  return sha256([
    "signOff",
    row.id,
    row.roundId,
    row.organisationCode,
    row.position,
    row.reservation,
    row.reason,
    row.onBehalfReason,
    row.versionDigest,
    row.recordedById,
    row.recordedAt.toISOString(),
  ]);
}

/** SHA-256 over a version row's columns in a fixed order. */
export function digestOfVersionRow(row: VersionRow): string {
  return sha256([
    "documentVersion",
    row.id,
    row.documentId,
    row.number,
    row.name,
    row.digest,
    row.isCheckpoint,
    row.createdById,
    row.createdAt.toISOString(),
    // Appended only when kept, so the rows of versions saved before texts with suggestions were kept keep their digest.
    ...(row.digestWithSuggestions === null ? [] : [row.digestWithSuggestions]),
  ]);
}
