import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { MessageType } from "@hocuspocus/server";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import {
  closeClient,
  connectProvider,
  createTestDocument,
  recordReceivedMessages,
  sessionCookieFor,
  startInProcessCollaboration,
  TEST_NEXTAUTH_SECRET,
  waitFor,
  waitForSaved,
} from "@/lib/testing/collaboration";
import type { Actor } from "@/lib/policy";

process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;

const EDITORS = 5;
const CARET_MOVES = 10;

let testDatabase: TestDatabase;
let server: Awaited<ReturnType<typeof startInProcessCollaboration>>;
let delegates: Actor[];
const clients: HocuspocusProvider[] = [];

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  delegates = await Promise.all(["AL", "BA", "XK", "ME", "MK", "RS"].map((organisationCode) => createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode })));
  // A window far longer than the test's caret moves take, so that they all fall into one or two windows.
  server = await startInProcessCollaboration({ awarenessWindowMs: 2_000 });
});

afterAll(async () => {
  for (const client of clients) closeClient(client);
  await server?.close();
  await testDatabase?.drop();
});

async function join(documentId: string, delegate: Actor): Promise<HocuspocusProvider> {
  const client = connectProvider({ url: server.url, documentId, cookie: await sessionCookieFor(testDatabase.database, delegate.id) });
  clients.push(client);
  await waitForSaved(client);
  return client;
}

function caretOf(observer: HocuspocusProvider, editor: HocuspocusProvider): unknown {
  return observer.awareness!.getStates().get(editor.document.clientID)?.cursor;
}

describe("awareness fan-out", () => {
  test("each editor gets the carets of everyone merged, one message per window, with every latest state", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId });
    const editors = await Promise.all(Array.from({ length: EDITORS }, (_, index) => join(document.id, delegates[index % delegates.length])));
    const observer = await join(document.id, delegates[5]);
    const serverStates = () => server.collaboration.hocuspocus.documents.get(document.id)!.awareness.getStates();
    for (const editor of editors) editor.setAwarenessField("cursor", 0);
    await waitFor(() => editors.every((editor) => caretOf(observer, editor) === 0), { message: "the first carets" });

    const received = recordReceivedMessages(observer);
    for (let move = 1; move <= CARET_MOVES; move += 1) {
      for (const editor of editors) editor.setAwarenessField("cursor", move);
      // The server has every editor's move before the next ones are made: unbatched, each round would go out on its own.
      await waitFor(() => editors.every((editor) => serverStates().get(editor.document.clientID)?.cursor === move), { message: `caret move ${move} at the server` });
    }
    await waitFor(() => editors.every((editor) => caretOf(observer, editor) === CARET_MOVES), { message: "the last carets at the observer" });

    const awarenessMessages = received.filter((message) => message.type === MessageType.Awareness).length;
    expect(awarenessMessages).toBeGreaterThan(0);
    expect(awarenessMessages).toBeLessThan(CARET_MOVES);
    // Each editor's own state, sent back to it in the merged message, stays its own.
    for (const [index, editor] of editors.entries()) {
      expect(editor.awareness!.getLocalState()?.cursor).toBe(CARET_MOVES);
      expect(caretOf(editor, editors[(index + 1) % EDITORS])).toBe(CARET_MOVES);
    }
  });

  test("an editor who leaves disappears for the others, whose own carets stay", async () => {
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId });
    const leaving = await join(document.id, delegates[0]);
    const staying = await join(document.id, delegates[1]);
    leaving.setAwarenessField("cursor", 7);
    staying.setAwarenessField("cursor", 3);
    await waitFor(() => caretOf(staying, leaving) === 7 && caretOf(leaving, staying) === 3, { message: "both carets" });

    closeClient(leaving);
    await waitFor(() => !staying.awareness!.getStates().has(leaving.document.clientID), { message: "the departed caret to disappear" });
    expect(staying.awareness!.getLocalState()?.cursor).toBe(3);
    expect(server.collaboration.hocuspocus.documents.get(document.id)!.awareness.getStates().get(staying.document.clientID)?.cursor).toBe(3);
  });
});
