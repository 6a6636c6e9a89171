import { z } from "zod";
import { db } from "@/lib/db";
import { documentSchema, type ProseMirrorJson } from "@/lib/documents/content";
import { findSuggestions } from "@/lib/editor/suggestion-marks";
import { noteAsText } from "@/lib/editor/note-suggestion";
import { findRewordedNotes } from "@/lib/suggestions/find-reworded-notes";
import { parseInput } from "@/lib/errors";
import type { Actor } from "@/lib/policy";
import { acceptedBetween, attributeChanges, type AcceptedSuggestion, type ComparedMoment, type RowAttributions } from "@/lib/versions/attribute-changes";
import { jsonFromContent } from "@/lib/versions/canonical-content";
import { compareTexts, type DiffRow } from "@/lib/versions/compare-texts";
import { getVersion } from "@/lib/versions/find-versions";
import { getLiveText } from "@/lib/versions/get-live-text";

/** The live text is compared under this name wherever a version id is accepted. */
export const LIVE_TEXT = "live";

export const compareVersionsInput = z.object({
  documentId: z.string().min(1),
  from: z.string().min(1),
  to: z.string().min(1),
});

export type ComparedSide =
  | { kind: "live"; digest: string }
  | { kind: "version"; id: string; number: number; name: string; digest: string; isCheckpoint: boolean; createdAt: Date; createdBy: { name: string; organisationCode: string } };

/**
 * Who proposed the changes: an attribution per part of each row, and the accepted suggestions
 * between the two texts. Null when the older text is not the one compared from (the changes then
 * run backwards, and "proposed by" would read as the opposite of what happened).
 */
export type ChangeProposers = { attributions: RowAttributions; suggestions: AcceptedSuggestion[] } | null;

/**
 * Compares two versions of a document, or a version and the live text (`"live"`), and tells which
 * changes came from suggestions the secretariat accepted in between. Anyone who may read both texts
 * may see who proposed what: decisions on suggestions are shown to every reader of the document.
 */
export async function compareVersions({ actor, ...input }: { actor: Actor } & z.input<typeof compareVersionsInput>) {
  const data = parseInput(compareVersionsInput, input);
  const [from, to] = await Promise.all([loadSide(actor, data.documentId, data.from), loadSide(actor, data.documentId, data.to)]);
  const comparison = compareTexts(from.json, to.json);
  const proposers = await findProposers(data.documentId, from.moment, to.moment, comparison.rows);
  return { from: from.side, to: to.side, comparison, proposers };
}

async function findProposers(documentId: string, older: ComparedMoment, newer: ComparedMoment, rows: DiffRow[]): Promise<ChangeProposers> {
  if (older.takenAt.getTime() > newer.takenAt.getTime()) return null;
  const decided = await db().suggestion.findMany({
    where: { documentId, status: "ACCEPTED", decidedAt: { lte: newer.takenAt } },
    orderBy: { decidedAt: "asc" },
    select: { id: true, organisationCode: true, authorName: true, inserted: true, deleted: true, decidedAt: true },
  });
  // A note's new wording is in the compared text as the note reads (" [Note: …]"), so those are its words here.
  const rewordings = await findRewordedNotes(decided.filter((suggestion) => !suggestion.inserted && !suggestion.deleted).map((suggestion) => suggestion.id));
  const withNoteWords = decided.map((suggestion) => {
    const notes = rewordings.get(suggestion.id);
    if (!notes) return suggestion;
    return { ...suggestion, inserted: notes.map(({ proposed }) => noteAsText(proposed)).join(""), deleted: notes.map(({ wording }) => noteAsText(wording)).join("") };
  });
  const suggestions = acceptedBetween(withNoteWords, older, newer);
  return { attributions: attributeChanges(rows, suggestions), suggestions };
}

async function loadSide(actor: Actor, documentId: string, id: string): Promise<{ side: ComparedSide; json: ProseMirrorJson; moment: ComparedMoment }> {
  if (id === LIVE_TEXT) {
    // Taken before the text is read, so a suggestion accepted while it is read is not counted as applied.
    const takenAt = new Date();
    const live = await getLiveText({ actor, documentId });
    return { side: { kind: "live", digest: live.digest }, json: live.json, moment: { takenAt, openSuggestionIds: openSuggestionIds(live.contentWithSuggestions) } };
  }
  const { version } = await getVersion({ actor, documentId, versionId: id });
  const { content, contentWithSuggestions, digestWithSuggestions: _digest, documentId: _documentId, ...side } = version;
  return {
    side: { kind: "version", ...side },
    json: jsonFromContent(content),
    moment: { takenAt: version.createdAt, openSuggestionIds: contentWithSuggestions === null ? null : openSuggestionIds(contentWithSuggestions) },
  };
}

function openSuggestionIds(contentWithSuggestions: string): Set<string> {
  return new Set(findSuggestions(documentSchema().nodeFromJSON(jsonFromContent(contentWithSuggestions))).map((suggestion) => suggestion.id));
}
