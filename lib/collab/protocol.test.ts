import { describe, expect, test } from "vitest";
import { collaborationUrl, parseServerMessage, saveStateOf } from "@/lib/collab/protocol";

describe("the client contract", () => {
  test("the websocket lives on the page's own origin", () => {
    expect(collaborationUrl({ protocol: "https:", host: "accord.rcc.int" })).toBe("wss://accord.rcc.int/collab");
    expect(collaborationUrl({ protocol: "http:", host: "localhost:3000" })).toBe("ws://localhost:3000/collab");
  });

  test.each([
    [{ status: "connected", isSynced: true, unsyncedChanges: 0 }, "saved"],
    [{ status: "connected", isSynced: true, unsyncedChanges: 2 }, "saving"],
    [{ status: "connected", isSynced: false, unsyncedChanges: 0 }, "saving"],
    [{ status: "connecting", isSynced: false, unsyncedChanges: 1 }, "offline"],
    [{ status: "disconnected", isSynced: true, unsyncedChanges: 0 }, "offline"],
  ] as const)("%o reads as %s", (state, expected) => {
    expect(saveStateOf(state)).toBe(expected);
  });

  test("only well-formed participant lists are accepted from the server", () => {
    const participant = { id: "u1", name: "Arta", organisationCode: "AL", colour: "#c8102e", canEdit: true, connections: 1 };
    expect(parseServerMessage(JSON.stringify({ type: "accord:participants", documentId: "d1", participants: [participant] }))?.participants).toEqual([participant]);
    expect(parseServerMessage(JSON.stringify({ type: "accord:participants", documentId: "d1", participants: [{ id: "u1" }] }))).toBeNull();
    expect(parseServerMessage("not json")).toBeNull();
  });
});
