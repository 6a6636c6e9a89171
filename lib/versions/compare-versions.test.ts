import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "@/lib/documents/create-document";
import { applySuggestionOutcomes } from "@/lib/editor/suggestion-decisions";
import type { Actor } from "@/lib/policy";
import { recordSuggestionOutcomes } from "@/lib/suggestions/record-suggestion-outcomes";
import { HeadlessEditor, negotiationText, yDocFrom } from "@/lib/suggestions/testing";
import { createTestActor } from "@/lib/testing/actors";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import type { ChangeAttribution } from "@/lib/versions/attribute-changes";
import { compareVersions } from "@/lib/versions/compare-versions";
import { createVersion } from "@/lib/versions/create-version";

let testDatabase: TestDatabase;
let secretariat: Actor;
let observer: Actor;
const albania = { id: "al-delegate", name: "Arta Hoxha", organisationCode: "AL" };
const serbia = { id: "rs-delegate", name: "Marko Petrović", organisationCode: "RS" };

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC" });
  observer = await createTestActor(testDatabase.database, { role: "OBSERVER", organisationCode: "CEFTA" });
});
afterAll(() => testDatabase.drop());

async function store(documentId: string, doc: Y.Doc) {
  await testDatabase.database.document.update({ where: { id: documentId }, data: { yjsState: Buffer.from(Y.encodeStateAsUpdate(doc)) } });
}

/** Every changed passage of a comparison as "+words" / "-words" with who proposed it. */
function proposersOf(result: Awaited<ReturnType<typeof compareVersions>>) {
  const label = (attribution: ChangeAttribution | null) =>
    attribution?.kind === "suggestion" ? attribution.suggestions.map((suggestion) => `${suggestion.organisationCode} ${suggestion.authorName}`).join(", ") : (attribution?.kind ?? null);
  return result.comparison.rows.flatMap((row, rowIndex) =>
    row.parts.flatMap((part, partIndex) =>
      part.change === "same" ? [] : [`${part.change === "added" ? "+" : "-"}${part.text.trim()}: ${label(result.proposers?.attributions[rowIndex][partIndex] ?? null)}`],
    ),
  );
}

describe("comparing versions with who proposed each change", () => {
  it("names the economy of each accepted suggestion between two versions, and direct edits as such", async () => {
    const { id: documentId } = await createDocument({ actor: secretariat, title: "Proposers" });
    // Albania and Serbia suggest; the first version keeps both open (the clean text has neither).
    const albanian = new HeadlessEditor(yDocFrom(negotiationText()), albania);
    const at = albanian.find("cooperate");
    albanian.change(HeadlessEditor.typeAt(at, at, " closely"));
    const serbian = new HeadlessEditor(albanian.doc, serbia);
    const word = serbian.find("trust", "start");
    serbian.change(HeadlessEditor.typeAt(word, word + "trust".length, "digital"));
    await store(documentId, serbian.doc);
    const first = await createVersion({ actor: secretariat, documentId, name: "Draft 1" });

    // The secretariat accepts both (recorded, then applied by its browser) and edits a word directly.
    const secretariatEditor = new HeadlessEditor(serbian.doc, { id: secretariat.id, name: secretariat.name, organisationCode: "RCC" });
    const ids = (await testDatabase.database.documentVersion.findUniqueOrThrow({ where: { id: first.id } })).contentWithSuggestions!.match(/s-(AL|RS)-\d+/g)!;
    await recordSuggestionOutcomes({ actor: secretariat, documentId, suggestionIds: [...new Set(ids)], outcome: "ACCEPTED" });
    const decision = secretariatEditor.editorState.tr;
    applySuggestionOutcomes(decision, new Map([...new Set(ids)].map((id) => [id, "accept" as const])));
    secretariatEditor.apply(decision);
    const point = secretariatEditor.find("contact point", "start");
    secretariatEditor.change(HeadlessEditor.typeAt(point, point + "contact point".length, "contact person"), "editing");
    await store(documentId, secretariatEditor.doc);
    const second = await createVersion({ actor: secretariat, documentId, name: "Draft 2" });

    const forward = await compareVersions({ actor: observer, documentId, from: first.id, to: second.id });
    expect(proposersOf(forward)).toEqual([
      "+closely: AL Arta Hoxha",
      "-trust: RS Marko Petrović",
      "+digital: RS Marko Petrović",
      "-point: direct",
      "+person: direct",
    ]);
    expect(forward.proposers?.suggestions.map((suggestion) => suggestion.organisationCode).sort()).toEqual(["AL", "RS"]);

    // The live text holds the same changes; a later comparison from Draft 2 has no accepted suggestion left.
    expect(proposersOf(await compareVersions({ actor: observer, documentId, from: first.id, to: "live" }))).toEqual(proposersOf(forward));
    const after = new HeadlessEditor(secretariatEditor.doc, { id: secretariat.id, name: secretariat.name, organisationCode: "RCC" });
    const end = after.find("services");
    after.change(HeadlessEditor.typeAt(end, end, " and documents"), "editing");
    await store(documentId, after.doc);
    expect(proposersOf(await compareVersions({ actor: observer, documentId, from: second.id, to: "live" }))).toEqual(["+and documents: direct"]);

    // Backwards, "proposed by" would say the opposite of what happened: no attribution is given.
    const backward = await compareVersions({ actor: observer, documentId, from: second.id, to: first.id });
    expect(backward.comparison.isIdentical).toBe(false);
    expect(backward.proposers).toBeNull();
  });

  it("refuses a version of another document", async () => {
    const { id: documentId } = await createDocument({ actor: secretariat, title: "One" });
    const { id: otherId } = await createDocument({ actor: secretariat, title: "Other" });
    const other = await createVersion({ actor: secretariat, documentId: otherId, name: "Other draft" });
    await expect(compareVersions({ actor: observer, documentId, from: other.id, to: "live" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("notes in a comparison", () => {
  it("shows a note's new wording, accepted between two versions, as a change of its words proposed by the economy", async () => {
    const { id: documentId } = await createDocument({ actor: secretariat, title: "Reworded note" });
    const text = negotiationText();
    text.content![2]!.content!.push({ type: "note", attrs: { text: "See Annex I." } });
    const albanian = new HeadlessEditor(yDocFrom(text), albania);
    let notePosition = -1;
    albanian.editorState.doc.descendants((node, position) => {
      if (node.type.name === "note") notePosition = position;
    });
    // An id of its own: suggestion ids are unique across documents, and the test above used Albania's first ones.
    albanian.change((state) => state.tr.setNodeAttribute(notePosition, "text", "See Annex II."), "suggesting", { id: "s-AL-note" });
    await store(documentId, albanian.doc);
    const first = await createVersion({ actor: secretariat, documentId, name: "With the proposal" });

    expect((await testDatabase.database.documentVersion.findUniqueOrThrow({ where: { id: first.id } })).contentWithSuggestions).toContain("s-AL-note");
    const ids = ["s-AL-note"];
    await recordSuggestionOutcomes({ actor: secretariat, documentId, suggestionIds: ids, outcome: "ACCEPTED" });
    const secretariatEditor = new HeadlessEditor(albanian.doc, { id: secretariat.id, name: secretariat.name, organisationCode: "RCC" });
    const decision = secretariatEditor.editorState.tr;
    applySuggestionOutcomes(decision, new Map(ids.map((id) => [id, "accept" as const])));
    secretariatEditor.apply(decision);
    await store(documentId, secretariatEditor.doc);
    const second = await createVersion({ actor: secretariat, documentId, name: "Accepted" });

    const comparison = await compareVersions({ actor: observer, documentId, from: first.id, to: second.id });
    expect(comparison.comparison.rows.find((row) => row.change === "changed")?.after?.text).toContain("[Note: See Annex II.]");
    expect(proposersOf(comparison)).toEqual(["-I: AL Arta Hoxha", "+II: AL Arta Hoxha"]);
  });
});
