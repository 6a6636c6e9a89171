import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { MessageType } from "@hocuspocus/server";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { documentSchema, jsonFromYDoc, jsonFromYjsState, yjsStateFromJson, type ProseMirrorJson } from "@/lib/documents/content";
import { loadDocumentState } from "@/lib/documents/live-state";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import { findSuggestions, type SuggestionAttributes } from "@/lib/editor/suggestion-marks";
import { BLOCK_SUGGESTION, encodeBlockSuggestion } from "@/lib/editor/block-suggestion";
import { TABLE_SUGGESTION, encodeTableSuggestion } from "@/lib/editor/table-suggestion";
import { NOTE_SUGGESTION, encodeNoteRewording } from "@/lib/editor/note-suggestion";
import { parseUpdateRefusedMessage } from "@/lib/collab/protocol";
import type { Actor } from "@/lib/policy";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { closeClient, connectProvider, sessionCookieFor, startInProcessCollaboration, TEST_NEXTAUTH_SECRET, waitFor, waitForSaved } from "@/lib/testing/collaboration";
import { negotiationText } from "@/lib/suggestions/testing";

process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;

let testDatabase: TestDatabase;
let server: Awaited<ReturnType<typeof startInProcessCollaboration>>;
let albania: Actor;
let serbia: Actor;
const clients: HocuspocusProvider[] = [];

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  albania = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "AL", name: "Arta Delegate" });
  serbia = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "RS", name: "Stefan Delegate" });
  server = await startInProcessCollaboration({});
});

afterAll(async () => {
  for (const client of clients) closeClient(client);
  await server?.close();
  await testDatabase?.drop();
});

async function createNegotiation(text: ProseMirrorJson = negotiationText()) {
  return testDatabase.database.document.create({
    data: { workingGroupId: testDatabase.workingGroupId, kind: "MOU", title: "MoU", draftingRule: "NEGOTIATION", yjsState: Buffer.from(yjsStateFromJson(text)) },
    select: { id: true },
  });
}

async function join(actor: Actor, documentId: string) {
  const refusals: string[] = [];
  const client = connectProvider({
    url: server.url,
    documentId,
    cookie: await sessionCookieFor(testDatabase.database, actor.id),
    onStateless: ({ payload }) => {
      const refusal = parseUpdateRefusedMessage(payload);
      if (refusal) refusals.push(`${refusal.reason}: ${refusal.detail}`);
    },
  });
  clients.push(client);
  await waitForSaved(client);
  return { client, refusals };
}

const attributesOf = (actor: Actor, id: string): SuggestionAttributes => ({
  id,
  authorId: actor.id,
  authorName: actor.name,
  organisationCode: actor.organisationCode,
  createdAt: "2026-05-14T10:00:00.000Z",
});

/** A sync "update" frame for the document, as a provider writes it. */
/**
 * Makes each attempt on a copy of the member's text and sends it raw over their socket, as any Yjs
 * client could, waiting for the server to refuse it before the next.
 */
async function sendEachAndAwaitRefusal(member: Awaited<ReturnType<typeof join>>, documentId: string, attempts: [string, (copy: Y.Doc) => void][]) {
  for (const [label, attempt] of attempts) {
    const refusedBefore = member.refusals.length;
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(member.client.document));
    const vector = Y.encodeStateVector(copy);
    attempt(copy);
    member.client.configuration.websocketProvider.send(updateMessage(documentId, Y.encodeStateAsUpdate(copy, vector)));
    await waitFor(() => member.refusals.length > refusedBefore, { message: `refusal of ${label}` });
  }
}

function updateMessage(documentId: string, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentId);
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The y-prosemirror text of the n-th block of the body. */
const textOf = (doc: Y.Doc, block: number) => (doc.getXmlFragment(DOCUMENT_FIELD).get(block) as Y.XmlElement).get(0) as Y.XmlText;

async function storedJson(documentId: string) {
  const loaded = await loadDocumentState(documentId);
  return jsonFromYjsState(loaded!.state);
}

async function storedSuggestions(documentId: string) {
  return findSuggestions(documentSchema().nodeFromJSON(await storedJson(documentId))).map(({ organisationCode, authorId, inserted, deleted }) => ({ organisationCode, authorId, inserted, deleted }));
}

describe("the collaboration server in a negotiation document", () => {
  test("refuses a delegate's direct edit, forged suggestion, removal of another economy's suggestion and acceptance; the socket stays usable", async () => {
    const document = await createNegotiation();
    const serbian = await join(serbia, document.id);
    expect(serbian.client.authorizedScope).toBe("read-write");
    textOf(serbian.client.document, 0).insert(5, " and purpose", { suggestionInsert: attributesOf(serbia, "rs-1") });
    await waitForSaved(serbian.client);

    const albanian = await join(albania, document.id);
    const storedBefore = JSON.stringify(await storedJson(document.id));
    const rowsBefore = await testDatabase.database.documentUpdate.count({ where: { documentId: document.id } });
    const attempts: [string, (copy: Y.Doc) => void][] = [
      ["a direct text edit", (copy) => textOf(copy, 1).insert(4, "two ")],
      ["a suggestion attributed to Serbia", (copy) => textOf(copy, 1).insert(4, "two ", { suggestionInsert: attributesOf(serbia, "forged") })],
      ["removing Serbia's suggestion", (copy) => textOf(copy, 0).delete(5, 12)],
      ["accepting Serbia's suggestion", (copy) => textOf(copy, 0).format(5, 12, { suggestionInsert: null })],
    ];
    await sendEachAndAwaitRefusal(albanian, document.id, attempts);
    expect(albanian.refusals[0]).toMatch(/suggest/);
    // Nothing stored, nothing relayed.
    expect(JSON.stringify(await storedJson(document.id))).toBe(storedBefore);
    expect(await testDatabase.database.documentUpdate.count({ where: { documentId: document.id } })).toBe(rowsBefore);
    expect(jsonFromYDoc(serbian.client.document)).toEqual(JSON.parse(storedBefore));

    // The same socket still carries a valid suggestion.
    expect(albanian.client.configuration.websocketProvider.status).toBe("connected");
    textOf(albanian.client.document, 2).insert(0, "Furthermore, ", { suggestionInsert: attributesOf(albania, "al-1") });
    await waitFor(async () => (await storedSuggestions(document.id)).length === 2, { message: "Albania's suggestion to be stored" });
    await waitFor(() => textOf(serbian.client.document, 2).toString().includes("Furthermore"), { message: "Albania's suggestion to reach Serbia" });
    expect(await storedSuggestions(document.id)).toEqual([
      { organisationCode: "RS", authorId: serbia.id, inserted: " and purpose", deleted: "" },
      { organisationCode: "AL", authorId: albania.id, inserted: "Furthermore, ", deleted: "" },
    ]);
  });

  test("two delegates suggest in the same paragraph, one offline; both suggestions survive with their attribution", async () => {
    const document = await createNegotiation();
    const albanian = await join(albania, document.id);
    const serbian = await join(serbia, document.id);
    serbian.client.configuration.websocketProvider.disconnect();
    await waitFor(() => serbian.client.configuration.websocketProvider.status === "disconnected", { message: "Serbia offline" });

    // Same paragraph, same moment: Albania online, Serbia offline.
    const sentence = "The Participants shall cooperate on trust services.";
    textOf(albanian.client.document, 1).insert(sentence.indexOf(" on"), " closely", { suggestionInsert: attributesOf(albania, "al-2") });
    textOf(serbian.client.document, 1).format(sentence.indexOf("trust"), "trust ".length, { suggestionDelete: attributesOf(serbia, "rs-2") });
    textOf(serbian.client.document, 1).insert(sentence.indexOf("."), " and e-identification", { suggestionInsert: attributesOf(serbia, "rs-3") });
    await waitForSaved(albanian.client);

    await serbian.client.configuration.websocketProvider.connect();
    await waitForSaved(serbian.client);
    await waitFor(() => textOf(albanian.client.document, 1).toString().includes("e-identification"), { message: "Serbia's suggestions to reach Albania" });
    expect(serbian.refusals).toEqual([]);
    const stored = await storedSuggestions(document.id);
    expect(stored).toEqual(
      expect.arrayContaining([
        { organisationCode: "AL", authorId: albania.id, inserted: " closely", deleted: "" },
        { organisationCode: "RS", authorId: serbia.id, inserted: "", deleted: "trust " },
        { organisationCode: "RS", authorId: serbia.id, inserted: " and e-identification", deleted: "" },
      ]),
    );
    expect(stored).toHaveLength(3);
  });

  test("block suggestions over the socket: a delegate's own is stored and relayed; one forged for another economy, removing another's and a direct style change are refused", async () => {
    const document = await createNegotiation();
    const albanian = await join(albania, document.id);
    const serbian = await join(serbia, document.id);
    const blockOf = (doc: Y.Doc, index: number) => doc.getXmlFragment(DOCUMENT_FIELD).get(index) as Y.XmlElement;
    const proposal = { kind: "form" as const, from: { type: "paragraph" as const, level: null, article: false, numbered: true, list: null }, to: { type: "heading" as const, level: 2, article: true, numbered: false, list: null } };
    const suggestionBy = (actor: Actor, id: string) => encodeBlockSuggestion(attributesOf(actor, id), proposal);

    blockOf(serbian.client.document, 1).setAttribute(BLOCK_SUGGESTION, suggestionBy(serbia, "rs-block"));
    await waitFor(() => blockOf(albanian.client.document, 1).getAttribute(BLOCK_SUGGESTION) !== undefined, { message: "Serbia's block suggestion to reach Albania" });
    const storedBefore = JSON.stringify(await storedJson(document.id));
    const attempts: [string, (copy: Y.Doc) => void][] = [
      ["a block suggestion attributed to Serbia", (copy) => blockOf(copy, 2).setAttribute(BLOCK_SUGGESTION, suggestionBy(serbia, "forged"))],
      ["removing Serbia's block suggestion", (copy) => blockOf(copy, 1).removeAttribute(BLOCK_SUGGESTION)],
      ["replacing Serbia's block suggestion", (copy) => blockOf(copy, 1).setAttribute(BLOCK_SUGGESTION, suggestionBy(albania, "al-over"))],
      ["numbering a paragraph directly", (copy) => blockOf(copy, 2).setAttribute("numbered", false as unknown as string)],
    ];
    await sendEachAndAwaitRefusal(albanian, document.id, attempts);
    expect(JSON.stringify(await storedJson(document.id))).toBe(storedBefore);
    expect(jsonFromYDoc(serbian.client.document)).toEqual(JSON.parse(storedBefore));

    blockOf(albanian.client.document, 2).setAttribute(BLOCK_SUGGESTION, suggestionBy(albania, "al-block"));
    await waitFor(() => blockOf(serbian.client.document, 2).getAttribute(BLOCK_SUGGESTION) !== undefined, { message: "Albania's block suggestion to reach Serbia" });
    await waitForSaved(albanian.client);
    const stored = findSuggestions(documentSchema().nodeFromJSON(await storedJson(document.id)));
    expect(stored.map(({ id, organisationCode, change }) => ({ id, organisationCode, change }))).toEqual([
      { id: "rs-block", organisationCode: "RS", change: "Article heading: ‘The Participants shall cooperate on trust services.’" },
      { id: "al-block", organisationCode: "AL", change: "Article heading: ‘Each Participant designates a contact point.’" },
    ]);
    // The author withdraws their own.
    blockOf(albanian.client.document, 2).removeAttribute(BLOCK_SUGGESTION);
    await waitFor(async () => findSuggestions(documentSchema().nodeFromJSON(await storedJson(document.id))).length === 1, { message: "Albania's withdrawal to be stored" });
    expect(albanian.refusals).toHaveLength(attempts.length);
  });

  test("links and table rows over the socket: a direct link change and a forged row suggestion are refused; a delegate's own link suggestion and new row are stored", async () => {
    const text = negotiationText();
    const cell = (words: string) => ({ type: "tableCell", attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [{ type: "paragraph", content: [{ type: "text", text: words }] }] });
    text.content!.push({ type: "table", content: [{ type: "tableRow", content: [cell("Albania"), cell("Chair")] }] });
    const document = await createNegotiation(text);
    const albanian = await join(albania, document.id);
    const serbian = await join(serbia, document.id);
    const tableOf = (doc: Y.Doc) => doc.getXmlFragment(DOCUMENT_FIELD).get(3) as Y.XmlElement;
    const newRow = (suggestion: string) => {
      const row = new Y.XmlElement("tableRow");
      row.setAttribute(TABLE_SUGGESTION, suggestion);
      const rowCell = new Y.XmlElement("tableCell");
      rowCell.insert(0, [new Y.XmlElement("paragraph")]);
      row.insert(0, [rowCell]);
      return row;
    };
    const linkSuggestion = { ...attributesOf(albania, "al-link"), add: "link", remove: "", href: "https://eidas.example.org/" };

    const storedBefore = JSON.stringify(await storedJson(document.id));
    const attempts: [string, (copy: Y.Doc) => void][] = [
      ["a direct link", (copy) => textOf(copy, 1).format(36, 14, { link: { href: "https://eidas.example.org/" } })],
      ["a new row suggested in Serbia's name", (copy) => tableOf(copy).insert(1, [newRow(encodeTableSuggestion(attributesOf(serbia, "forged-row"), "insert"))])],
      ["a new row with no suggestion", (copy) => tableOf(copy).insert(1, [newRow("")])],
    ];
    await sendEachAndAwaitRefusal(albanian, document.id, attempts);
    expect(JSON.stringify(await storedJson(document.id))).toBe(storedBefore);
    expect(jsonFromYDoc(serbian.client.document)).toEqual(JSON.parse(storedBefore));

    textOf(albanian.client.document, 1).format(36, 14, { suggestionFormat: linkSuggestion });
    tableOf(albanian.client.document).insert(1, [newRow(encodeTableSuggestion(attributesOf(albania, "al-row"), "insert"))]);
    await waitForSaved(albanian.client);
    await waitFor(() => tableOf(serbian.client.document).length === 2, { message: "Albania's new row to reach Serbia" });
    const stored = findSuggestions(documentSchema().nodeFromJSON(await storedJson(document.id)));
    expect(stored.map(({ id, organisationCode, change }) => ({ id, organisationCode, change }))).toEqual([
      { id: "al-link", organisationCode: "AL", change: "Link to https://eidas.example.org/: ‘trust services’" },
      { id: "al-row", organisationCode: "AL", change: "New table row" },
    ]);
    expect(albanian.refusals).toHaveLength(attempts.length);
  });

  test("new wording for a note over the socket: one forged for another economy and a note's wording changed directly are refused; a delegate's own proposal is stored and relayed", async () => {
    const text = negotiationText();
    text.content![2]!.content!.push({ type: "note", attrs: { text: "See Annex I." } });
    const document = await createNegotiation(text);
    const albanian = await join(albania, document.id);
    const serbian = await join(serbia, document.id);
    const noteOf = (doc: Y.Doc) => (doc.getXmlFragment(DOCUMENT_FIELD).get(2) as Y.XmlElement).get(1) as Y.XmlElement;

    const storedBefore = JSON.stringify(await storedJson(document.id));
    const attempts: [string, (copy: Y.Doc) => void][] = [
      ["new wording in Serbia's name", (copy) => noteOf(copy).setAttribute(NOTE_SUGGESTION, encodeNoteRewording(attributesOf(serbia, "forged-note"), "See Annex II."))],
      ["new wording in Albania's name for Serbia's economy", (copy) => noteOf(copy).setAttribute(NOTE_SUGGESTION, encodeNoteRewording({ ...attributesOf(albania, "forged-economy"), organisationCode: "RS" }, "See Annex II."))],
      ["the note's wording changed directly", (copy) => noteOf(copy).setAttribute("text", "See Annex II.")],
      [
        "the note's wording changed with a proposal",
        (copy) => {
          noteOf(copy).setAttribute(NOTE_SUGGESTION, encodeNoteRewording(attributesOf(albania, "al-both"), "See Annex II."));
          noteOf(copy).setAttribute("text", "See Annex II.");
        },
      ],
    ];
    await sendEachAndAwaitRefusal(albanian, document.id, attempts);
    expect(JSON.stringify(await storedJson(document.id))).toBe(storedBefore);
    expect(jsonFromYDoc(serbian.client.document)).toEqual(JSON.parse(storedBefore));

    noteOf(albanian.client.document).setAttribute(NOTE_SUGGESTION, encodeNoteRewording(attributesOf(albania, "al-note"), "See Annex II."));
    await waitForSaved(albanian.client);
    await waitFor(() => noteOf(serbian.client.document).getAttribute(NOTE_SUGGESTION) !== undefined, { message: "Albania's proposal to reach Serbia" });
    const stored = findSuggestions(documentSchema().nodeFromJSON(await storedJson(document.id)));
    expect(stored.map(({ id, organisationCode, change }) => ({ id, organisationCode, change }))).toEqual([{ id: "al-note", organisationCode: "AL", change: "Note: ‘See Annex I.’ → ‘See Annex II.’" }]);
    expect(noteOf(serbian.client.document).getAttribute("text")).toBe("See Annex I.");
    expect(albanian.refusals).toHaveLength(attempts.length);
  });

  test("table columns over the socket: a column in Serbia's name or on one row only is refused; Albania's own whole column is stored and reaches Serbia", async () => {
    const text = negotiationText();
    const cell = (words: string) => ({ type: "tableCell", attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [{ type: "paragraph", content: [{ type: "text", text: words }] }] });
    text.content!.push({ type: "table", content: [{ type: "tableRow", content: [cell("Albania"), cell("Chair")] }, { type: "tableRow", content: [cell("Serbia"), cell("Member")] }] });
    const document = await createNegotiation(text);
    const albanian = await join(albania, document.id);
    const serbian = await join(serbia, document.id);
    const rowOf = (doc: Y.Doc, index: number) => (doc.getXmlFragment(DOCUMENT_FIELD).get(3) as Y.XmlElement).get(index) as Y.XmlElement;
    /** A new empty cell carrying `suggestion` at place 1 of the given rows. */
    const column = (suggestion: string, rows: number[]) => (doc: Y.Doc) =>
      rows.forEach((index) => {
        const newCell = new Y.XmlElement("tableCell");
        newCell.setAttribute(TABLE_SUGGESTION, suggestion);
        newCell.insert(0, [new Y.XmlElement("paragraph")]);
        rowOf(doc, index).insert(1, [newCell]);
      });

    const storedBefore = JSON.stringify(await storedJson(document.id));
    const attempts: [string, (copy: Y.Doc) => void][] = [
      ["a column suggested in Serbia's name", column(encodeTableSuggestion(attributesOf(serbia, "forged-column"), "insert"), [0, 1])],
      ["a column on one row only", column(encodeTableSuggestion(attributesOf(albania, "one-row"), "insert"), [1])],
      ["a column with no suggestion", (copy) => [0, 1].forEach((index) => rowOf(copy, index).insert(1, [new Y.XmlElement("tableCell")]))],
      ["a column's deletion marked on one cell", (copy) => (rowOf(copy, 0).get(1) as Y.XmlElement).setAttribute(TABLE_SUGGESTION, encodeTableSuggestion(attributesOf(albania, "one-cell"), "delete"))],
    ];
    await sendEachAndAwaitRefusal(albanian, document.id, attempts);
    expect(JSON.stringify(await storedJson(document.id))).toBe(storedBefore);
    expect(jsonFromYDoc(serbian.client.document)).toEqual(JSON.parse(storedBefore));

    albanian.client.document.transact(() => column(encodeTableSuggestion(attributesOf(albania, "al-column"), "insert"), [0, 1])(albanian.client.document));
    await waitForSaved(albanian.client);
    await waitFor(() => rowOf(serbian.client.document, 1).length === 3, { message: "Albania's new column to reach Serbia" });
    const stored = findSuggestions(documentSchema().nodeFromJSON(await storedJson(document.id)));
    expect(stored.map(({ id, organisationCode, change, columns }) => ({ id, organisationCode, change, cells: columns.length }))).toEqual([{ id: "al-column", organisationCode: "AL", change: "New table column", cells: 2 }]);
    expect(albanian.refusals).toHaveLength(attempts.length);
  });
});
