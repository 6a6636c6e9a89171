/**
 * Whether a write failed on the database's "one open round per document" index (a partial unique
 * index written by hand in the migrations). It is SignOffRound's only unique constraint besides its
 * generated id, so a unique violation on the model can only be that one.
 */
export function isSecondOpenRound(error: unknown): boolean {
  const candidate = error as { code?: string; meta?: { modelName?: unknown } };
  return candidate?.code === "P2002" && candidate.meta?.modelName === "SignOffRound";
}
