import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { documentSchema, readYjsState, yjsStateFromJson, type ProseMirrorJson } from "@/lib/documents/content";
import { safeHtmlFromJson } from "@/lib/documents/render";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import { jsonWithoutEmptyBlockSuggestions } from "@/lib/editor/block-suggestion";
import type { Actor } from "@/lib/policy";
import { findSignOffMatrix } from "@/lib/signoff/find-matrix";
import { openRound } from "@/lib/signoff/open-round";
import { createTestActor } from "@/lib/testing/actors";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { canonicalContentFromJson } from "@/lib/versions/canonical-content";
import { compareVersions } from "@/lib/versions/compare-versions";
import { createVersion } from "@/lib/versions/create-version";
import { getLiveText } from "@/lib/versions/get-live-text";

const valid: ProseMirrorJson = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2, article: true }, content: [{ type: "text", text: "Article 1" }] },
    { type: "paragraph", content: [{ type: "text", text: "Plain " }, { type: "text", text: "bold", marks: [{ type: "bold" }] }] },
    { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Item" }] }] }] },
  ],
};

/** The valid document with `change` made to its Yjs body, as a stored state. */
function storedWith(change: (body: Y.XmlFragment) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, yjsStateFromJson(valid));
  change(doc.getXmlFragment(DOCUMENT_FIELD));
  return Y.encodeStateAsUpdate(doc);
}

const textOf = (json: ProseMirrorJson): string => (json.text ?? "") + (json.content ?? []).map(textOf).join("");

describe("reading a stored document", () => {
  test("a valid document reads exactly as y-prosemirror reads it (empty block suggestions left out), with no repairs", () => {
    const state = yjsStateFromJson(valid);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const expected = jsonWithoutEmptyBlockSuggestions(yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(DOCUMENT_FIELD), documentSchema()).toJSON());
    expect(readYjsState(state)).toEqual({ json: expected, repairs: [] });
  });

  test.each<[string, (body: Y.XmlFragment) => void, string]>([
    ["a top-level Y.XmlText", (body) => body.insert(1, [new Y.XmlText("loose text")]), "loose text"],
    [
      "an unknown node",
      (body) => {
        const script = new Y.XmlElement("script");
        script.insert(0, [new Y.XmlText("inside script")]);
        body.insert(0, [script]);
      },
      "inside script",
    ],
    ["an unknown mark", (body) => ((body.get(1) as Y.XmlElement).get(0) as Y.XmlText).format(0, 5, { blink: {} }), "Plain"],
    ["a list emptied", (body) => (body.get(2) as Y.XmlElement).delete(0, 1), "Article 1"],
    [
      "a paragraph in a paragraph",
      (body) => {
        const inner = new Y.XmlElement("paragraph");
        inner.insert(0, [new Y.XmlText("nested")]);
        (body.get(1) as Y.XmlElement).insert(0, [inner]);
      },
      "nested",
    ],
  ])("with %s degrades, keeps the text and says so", (_name, change, kept) => {
    const { json, repairs } = readYjsState(storedWith(change));
    expect(repairs.length).toBeGreaterThan(0);
    expect(textOf(json)).toContain(kept);
    expect(() => documentSchema().nodeFromJSON(json).check()).not.toThrow();
    expect(() => canonicalContentFromJson(json)).not.toThrow();
    expect(safeHtmlFromJson(json).html).toContain(kept);
  });

  test("HTML of JSON that does not fit the schema is repaired instead of failing", () => {
    const { html, isRepaired } = safeHtmlFromJson({ type: "doc", content: [{ type: "text", text: "bare" }, { type: "marquee", content: [{ type: "text", text: "x" }] }] });
    expect(isRepaired).toBe(true);
    expect(html).toContain("bare");
  });
});

describe("a document stored invalid", () => {
  let testDatabase: TestDatabase;
  let secretariat: Actor;
  let documentId: string;

  beforeAll(async () => {
    testDatabase = await createSqliteTestDatabase();
    secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC" });
    const document = await testDatabase.database.document.create({
      data: { workingGroupId: testDatabase.workingGroupId, kind: "MOU", title: "Broken", yjsState: Buffer.from(storedWith((body) => body.insert(1, [new Y.XmlText("loose text")]))) },
      select: { id: true },
    });
    documentId = document.id;
  });
  afterAll(() => testDatabase?.drop());

  test("still gives its live text, versions, sign-off rounds and comparisons, with the text kept", async () => {
    const live = await getLiveText({ actor: secretariat, documentId });
    expect(live.repairs.length).toBeGreaterThan(0);
    expect(live.content).toContain("loose text");

    const version = await createVersion({ actor: secretariat, documentId, name: "Draft after repair" });
    await openRound({ actor: secretariat, documentId, versionId: version.id });
    const matrix = await findSignOffMatrix({ actor: secretariat, documentId });
    expect(matrix.rounds).toHaveLength(1);
    const comparison = await compareVersions({ actor: secretariat, documentId, from: version.id, to: "live" });
    expect(comparison.to).toMatchObject({ kind: "live", digest: live.digest });
  });
});
