import { AppError } from "@/lib/errors";

const MAX_ATTEMPTS = 5;

/**
 * Runs a change that appends at the next place in a meeting's list (agenda item, decision). The
 * database refuses two rows at the same place; two people adding at the same moment both pick the
 * same one, so the loser's whole transaction runs again and takes the place after.
 */
export async function retryOnPositionConflict<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isPositionConflict(error)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new AppError("CONFLICT", "Several changes were made to this list at the same moment. Please try again.");
    }
  }
}

/** Whether an error is the database refusing a second row at the same place in a meeting's list. */
export function isPositionConflict(error: unknown): boolean {
  const candidate = error as { code?: string; meta?: unknown };
  return candidate?.code === "P2002" && JSON.stringify(candidate.meta ?? "").includes("position");
}
