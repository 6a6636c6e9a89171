import { describe, expect, test } from "vitest";
import { collaborationUrl, parseServerMessage } from "@/lib/collab/protocol";

describe("the client contract", () => {
  test("the websocket lives on the page's own origin", () => {
    expect(collaborationUrl({ protocol: "https:", host: "accord.rcc.int" })).toBe("wss://accord.rcc.int/collab");
    expect(collaborationUrl({ protocol: "http:", host: "localhost:3000" })).toBe("ws://localhost:3000/collab");
  });

  test("only well-formed participant lists are accepted from the server", () => {
    const participant = { id: "u1", name: "Arta", organisationCode: "AL", colour: "#c8102e", canEdit: true, connections: 1 };
    expect(parseServerMessage(JSON.stringify({ type: "accord:participants", documentId: "d1", participants: [participant] }))?.participants).toEqual([participant]);
    expect(parseServerMessage(JSON.stringify({ type: "accord:participants", documentId: "d1", participants: [{ id: "u1" }] }))).toBeNull();
    expect(parseServerMessage("not json")).toBeNull();
  });
});
