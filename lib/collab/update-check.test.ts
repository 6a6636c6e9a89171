import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { yjsStateFromJson, type ProseMirrorJson } from "@/lib/documents/content";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import type { Actor, DocumentTarget } from "@/lib/policy";
import { checkUpdate, type UpdateRule } from "@/lib/collab/update-check";
import { inspectUpdate } from "@/lib/collab/update-inspection";

const actor: Actor = { id: "u1", name: "Delegate", email: "d@example.org", role: "DELEGATE", organisationCode: "AL", isActive: true };
const target: DocumentTarget = { id: "d1", kind: "MOU", minutesStatus: null };

const paragraph = (text: string): ProseMirrorJson => ({ type: "paragraph", content: text ? [{ type: "text", text }] : [] });
const initial: ProseMirrorJson = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2, article: true }, content: [{ type: "text", text: "Article 1" }] },
    { type: "paragraph", content: [{ type: "text", text: "Plain " }, { type: "text", text: "bold", marks: [{ type: "bold" }] }, { type: "text", text: " end" }] },
    { type: "bulletList", content: [{ type: "listItem", content: [paragraph("Only item")] }] },
    paragraph("Last"),
  ],
};

/** The server's copy of the document, and a client's copy of the same. */
function documents() {
  const server = new Y.Doc();
  Y.applyUpdate(server, yjsStateFromJson(initial));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client, body: client.getXmlFragment(DOCUMENT_FIELD) };
}

/** The update a client's change produces, checked against the server's copy. */
function check(change: (body: Y.XmlFragment, client: Y.Doc) => void, rules?: readonly UpdateRule[]) {
  const { server, client, body } = documents();
  const before = Y.encodeStateVector(client);
  client.transact(() => change(body, client));
  const update = Y.encodeStateAsUpdate(client, before);
  return { verdict: checkUpdate({ document: server, update, actor, target, ...(rules ? { rules } : {}) }), server, update };
}

const textOf = (body: Y.XmlFragment, index: number, child = 0) => (body.get(index) as Y.XmlElement).get(child) as Y.XmlText;
const element = (name: string, children: (Y.XmlElement | Y.XmlText)[] = [], attributes: Record<string, string | number | boolean> = {}) => {
  const node = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value as string);
  node.insert(0, children);
  return node;
};

describe("the schema rule accepts what the editor does", () => {
  test.each<[string, (body: Y.XmlFragment) => void]>([
    ["typing in a paragraph", (body) => textOf(body, 1).insert(3, "xyz")],
    ["typing inside bold text", (body) => textOf(body, 1).insert(8, "er")],
    ["making text italic", (body) => textOf(body, 1).format(0, 5, { italic: {} })],
    ["a comment mark with its thread", (body) => textOf(body, 1).format(0, 5, { "comment--abcd1234": { threadId: "t1" } })],
    ["a new paragraph", (body) => body.insert(2, [element("paragraph", [new Y.XmlText("New")])])],
    ["an empty paragraph", (body) => body.insert(4, [element("paragraph")])],
    ["a heading made an article", (body) => (body.get(3) as Y.XmlElement).setAttribute("numbered", true as unknown as string)],
    ["a second list item", (body) => (body.get(2) as Y.XmlElement).insert(1, [element("listItem", [element("paragraph", [new Y.XmlText("Two")])])])],
    ["deleting a paragraph", (body) => body.delete(3, 1)],
    ["deleting text across runs", (body) => textOf(body, 1).delete(2, 8)],
    ["a table", (body) => body.insert(4, [element("table", [element("tableRow", [element("tableCell", [element("paragraph", [new Y.XmlText("Cell")])], { colspan: 1 })])])])],
    ["a note in the text", (body) => (body.get(3) as Y.XmlElement).insert(1, [element("note", [], { text: "See annex" })])],
  ])("%s", (_name, change) => {
    const { verdict } = check(change);
    expect(verdict).toMatchObject({ isAccepted: true });
  });
});

describe("the schema rule refuses what would break the document", () => {
  test.each<[string, (body: Y.XmlFragment, client: Y.Doc) => void, RegExp]>([
    ["a top-level Y.XmlText in the body", (body) => body.insert(1, [new Y.XmlText("loose text")]), /text.*not allowed here in "doc"/],
    ["an unknown node", (body) => body.insert(1, [element("script", [new Y.XmlText("x")])]), /unknown node "script"/],
    ["an unknown attribute", (body) => (body.get(3) as Y.XmlElement).setAttribute("onclick", "alert(1)"), /no attribute "onclick"/],
    ["an unknown mark", (body) => textOf(body, 1).format(0, 3, { blink: {} }), /unknown mark "blink"/],
    ["a mark attribute the mark does not have", (body) => textOf(body, 1).format(0, 3, { bold: { colour: "red" } }), /no attribute "colour"/],
    ["text typed with an unknown mark", (body) => textOf(body, 1).insert(0, "x", { shout: {} }), /unknown mark "shout"/],
    ["a paragraph inside a paragraph", (body) => (body.get(3) as Y.XmlElement).insert(0, [element("paragraph")]), /"paragraph" is not allowed here in "paragraph"/],
    ["text directly in a list", (body) => (body.get(2) as Y.XmlElement).insert(0, [new Y.XmlText("x")]), /not allowed here in "bulletList"/],
    ["a list item without its paragraph", (body) => (body.get(2) as Y.XmlElement).insert(1, [element("listItem", [element("bulletList", [element("listItem", [element("paragraph")])])])]), /"listItem"/],
    ["a list with no items", (body) => body.insert(0, [element("bulletList")]), /"bulletList" would be incomplete/],
    ["deleting a list's only item", (body) => (body.get(2) as Y.XmlElement).delete(0, 1), /"bulletList" would be incomplete/],
    ["deleting every block", (body) => body.delete(0, body.length), /"doc" would be incomplete/],
    ["a table cell outside a row", (body) => body.insert(0, [element("tableCell", [element("paragraph")])]), /"tableCell" is not allowed here in "doc"/],
    ["another root type", (_body, client) => client.getMap("settings").set("x", 1), /"settings", which is not the document body/],
    ["an embed in text", (body) => textOf(body, 1).insertEmbed(0, { image: "x" }), /ContentEmbed/],
    ["an attribute on text", (body) => textOf(body, 1).setAttribute("x", "y"), /which the editor never does/],
  ])("%s", (_name, change, detail) => {
    const { verdict } = check(change);
    expect(verdict).toMatchObject({ isAccepted: false, reason: "invalid-document" });
    expect(verdict.isAccepted ? "" : verdict.detail).toMatch(detail);
  });

  test("an update built on content the server never received", () => {
    const { server, client, body } = documents();
    textOf(body, 1).insert(0, "first ");
    const before = Y.encodeStateVector(client);
    textOf(body, 1).insert(0, "second ");
    // Only the second change: its origin is the first, which the server lacks.
    const verdict = checkUpdate({ document: server, update: Y.encodeStateAsUpdate(client, before), actor, target });
    expect(verdict).toMatchObject({ isAccepted: false, reason: "missing-dependencies" });
  });
});

describe("the inspection", () => {
  test("lists inserted text with the formatting in effect where it lands, and deleted text with its formatting", () => {
    const { server, client, body } = documents();
    const before = Y.encodeStateVector(client);
    client.transact(() => {
      textOf(body, 1).insert(8, "er"); // inside "bold"
      textOf(body, 1).delete(0, 3); // "Pla"
      textOf(body, 1).insert(textOf(body, 1).length, "!", { italic: {} });
    });
    const inspection = inspectUpdate(server, Y.encodeStateAsUpdate(client, before));
    expect(inspection.insertedTexts.map(({ text, formatting, parent }) => ({ text, formatting, parent: parent.parent?.name }))).toEqual([
      { text: "er", formatting: { bold: {} }, parent: "paragraph" },
      { text: "!", formatting: { italic: {} }, parent: "paragraph" },
    ]);
    expect(inspection.deletions.filter((deletion) => deletion.kind === "text")).toMatchObject([{ text: "Pla", formatting: {} }]);
    expect(inspection.insertedFormats.map(({ markName, value }) => [markName, value])).toEqual([
      ["italic", {}],
      ["italic", null],
    ]);
  });

  test("reports deleted bold text as bold", () => {
    const { server, client, body } = documents();
    const before = Y.encodeStateVector(client);
    textOf(body, 1).delete(6, 4);
    const inspection = inspectUpdate(server, Y.encodeStateAsUpdate(client, before));
    // Yjs also removes the formatting items left around nothing.
    expect(inspection.deletions.filter((deletion) => deletion.kind === "text")).toMatchObject([{ kind: "text", text: "bold", formatting: { bold: {} } }]);
    expect(inspection.deletions.filter((deletion) => deletion.kind === "format").map((deletion) => deletion.kind === "format" && deletion.markName)).toEqual(["bold", "bold"]);
  });

  test("an update the document already holds is empty", () => {
    const { server } = documents();
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(server)).isEmpty).toBe(true);
  });

  test("rules see the actor and the document", () => {
    const seen: string[] = [];
    const rule: UpdateRule = (_inspection, context) => {
      seen.push(`${context.actor.organisationCode}/${context.document.kind}`);
      return { reason: "not-allowed", detail: "no" };
    };
    const { verdict } = check((body) => textOf(body, 1).insert(0, "x"), [rule]);
    expect(verdict).toMatchObject({ isAccepted: false, reason: "not-allowed" });
    expect(seen).toEqual(["AL/MOU"]);
  });

  test("costs in proportion to the change: a keystroke in a large document does not walk the body", () => {
    const { server, client, body } = documents();
    client.transact(() => {
      for (let index = 0; index < 2_000; index += 1) body.insert(body.length, [element("paragraph", [new Y.XmlText(`Paragraph ${index}`)])]);
    });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    const serverBody = server.getXmlFragment(DOCUMENT_FIELD);
    // Replace the body's walk with a trap: a keystroke must not touch the list of blocks.
    const start = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Object.getPrototypeOf(serverBody)), "_start");
    expect(start).toBeUndefined();
    let bodyWalks = 0;
    const original = serverBody._start;
    Object.defineProperty(serverBody, "_start", { get: () => ((bodyWalks += 1), original), configurable: true });
    const before = Y.encodeStateVector(client);
    textOf(body, 500).insert(2, "x");
    const verdict = checkUpdate({ document: server, update: Y.encodeStateAsUpdate(client, before), actor, target });
    expect(verdict.isAccepted).toBe(true);
    expect(bodyWalks).toBe(0);
  });

  test("costs in proportion to the change: a new paragraph in a large document does not walk the body either", () => {
    const { server, client, body } = documents();
    client.transact(() => {
      for (let index = 0; index < 2_000; index += 1) body.insert(body.length, [element("paragraph", [new Y.XmlText(`Paragraph ${index}`)])]);
    });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    const serverBody = server.getXmlFragment(DOCUMENT_FIELD);
    let bodyWalks = 0;
    const original = serverBody._start;
    Object.defineProperty(serverBody, "_start", { get: () => ((bodyWalks += 1), original), configurable: true });
    const before = Y.encodeStateVector(client);
    body.insert(1_000, [element("paragraph", [new Y.XmlText("Pressed Enter")])]);
    const verdict = checkUpdate({ document: server, update: Y.encodeStateAsUpdate(client, before), actor, target });
    expect(verdict.isAccepted).toBe(true);
    expect(bodyWalks).toBe(0);
  });
});
