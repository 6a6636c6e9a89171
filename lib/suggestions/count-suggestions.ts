import { db } from "@/lib/db";
import { ECONOMY_CODES } from "@/lib/organisations/catalogue";
import { findStoredSuggestions } from "@/lib/suggestions/find-open-suggestions";

export type SuggestionCounts = { organisationCode: string; open: number; accepted: number; rejected: number; withdrawn: number };

/**
 * Suggestions per economy in a document: open ones are read from the stored shared text (they live
 * only there), outcomes from the Suggestion table. A suggestion already decided but whose change has
 * not reached the text yet counts by its outcome. Every economy has a row, in catalogue order.
 */
export async function countSuggestionsByEconomy(documentId: string): Promise<{ byEconomy: SuggestionCounts[]; totals: Omit<SuggestionCounts, "organisationCode"> }> {
  const [inText, decided] = await Promise.all([
    findStoredSuggestions(documentId),
    db().suggestion.findMany({ where: { documentId }, select: { id: true, organisationCode: true, status: true } }),
  ]);
  const decidedIds = new Set(decided.map((row) => row.id));
  const byEconomy = ECONOMY_CODES.map((organisationCode) => {
    const outcomes = decided.filter((row) => row.organisationCode === organisationCode);
    return {
      organisationCode,
      open: inText.filter((suggestion) => suggestion.organisationCode === organisationCode && !decidedIds.has(suggestion.id)).length,
      accepted: outcomes.filter((row) => row.status === "ACCEPTED").length,
      rejected: outcomes.filter((row) => row.status === "REJECTED").length,
      withdrawn: outcomes.filter((row) => row.status === "WITHDRAWN").length,
    };
  });
  const sum = (key: "open" | "accepted" | "rejected" | "withdrawn") => byEconomy.reduce((total, row) => total + row[key], 0);
  return { byEconomy, totals: { open: sum("open"), accepted: sum("accepted"), rejected: sum("rejected"), withdrawn: sum("withdrawn") } };
}
