import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { yjsStateFromJson } from "@/lib/documents/content";
import { createDocument } from "@/lib/documents/create-document";
import { encodeNoteRewording } from "@/lib/editor/note-suggestion";
import type { Actor } from "@/lib/policy";
import { findSuggestionOutcomes } from "@/lib/suggestions/find-suggestion-outcomes";
import { recordSuggestionOutcomes } from "@/lib/suggestions/record-suggestion-outcomes";
import { negotiationText } from "@/lib/suggestions/testing";
import { createTestActor } from "@/lib/testing/actors";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";

let testDatabase: TestDatabase;
let secretariat: Actor;

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC" });
});
afterAll(() => testDatabase.drop());

describe("recording a decision on a note's new wording", () => {
  it("audits both wordings in full and what it changes, and lists the outcome with that change", async () => {
    const { id: documentId } = await createDocument({ actor: secretariat, title: "Reworded note" });
    const proposed = `See Annexes I and II, ${"and the rules they refer to, ".repeat(6)}as amended.`;
    const text = negotiationText();
    const attribution = { id: "al-note", authorId: "al-delegate", authorName: "Arta Hoxha", organisationCode: "AL", createdAt: "2026-05-14T10:00:00.000Z" };
    text.content![2]!.content!.push({ type: "note", attrs: { text: "See Annex I.", noteSuggestion: encodeNoteRewording(attribution, proposed) } });
    await testDatabase.database.document.update({ where: { id: documentId }, data: { yjsState: Buffer.from(yjsStateFromJson(text)) } });

    await recordSuggestionOutcomes({ actor: secretariat, documentId, suggestionIds: ["al-note"], outcome: "ACCEPTED" });

    const event = await testDatabase.database.auditEvent.findFirstOrThrow({ where: { action: "suggestion.accepted", targetId: "al-note" } });
    const change = `Note: ‘See Annex I.’ → ‘${proposed.slice(0, 119)}…’`;
    expect(JSON.parse(event.data)).toMatchObject({ economy: "AL", authorName: "Arta Hoxha", inserted: "", deleted: "", change, notes: [{ wording: "See Annex I.", proposed }] });
    expect(await findSuggestionOutcomes({ actor: secretariat, documentId })).toMatchObject([{ id: "al-note", organisationCode: "AL", status: "ACCEPTED", change }]);
  });
});
