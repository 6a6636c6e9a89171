import { describe, expect, test } from "vitest";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import { appendParagraph, createTestDocument, sessionCookieFor, storedBodyText, waitFor, waitForSaved } from "@/lib/testing/collaboration";
import { keepSaveStateHonest } from "@/lib/collab/client";
import { setUpCollaborationFixture } from "@/lib/testing/collaboration-fixture";

const fixture = setUpCollaborationFixture({ organisationCode: "ME" });

/** "update" or "step2" for sync frames, null for anything else. */
function syncKind(frame: Uint8Array): "update" | "step2" | null {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarString(decoder);
  if (decoding.readVarUint(decoder) !== 0) return null;
  const step = decoding.readVarUint(decoder);
  return step === 2 ? "update" : step === 1 ? "step2" : null;
}

/** Reconnects after offline edits and returns the sync frames the new socket carried, in order. */
async function reconnectAfterOfflineEdits({ isHonest }: { isHonest: boolean }) {
  const document = await createTestDocument(fixture.testDatabase.database, { workingGroupId: fixture.testDatabase.workingGroupId, paragraphs: ["Online"] });
  const cookie = await sessionCookieFor(fixture.testDatabase.database, fixture.delegate.id);
  const sockets: { frames: ("update" | "step2")[] }[] = [];
  class RecordingWebSocket extends WebSocket {
    private readonly record = { frames: [] as ("update" | "step2")[] };
    constructor(url: string) {
      super(url, { headers: { cookie } });
      sockets.push(this.record);
    }
    send(data: Uint8Array) {
      const kind = syncKind(data);
      if (kind) this.record.frames.push(kind);
      super.send(data);
    }
  }
  const websocketProvider = new HocuspocusProviderWebsocket({ url: fixture.server.url, WebSocketPolyfill: RecordingWebSocket, delay: 100, minDelay: 100 });
  const provider = new HocuspocusProvider({ websocketProvider, name: document.id, token: "session" });
  if (isHonest) keepSaveStateHonest(provider);
  provider.attach();
  try {
    await waitForSaved(provider);
    websocketProvider.disconnect();
    await waitFor(() => websocketProvider.status === "disconnected", { message: "disconnect" });
    appendParagraph(provider.document, "Offline one");
    appendParagraph(provider.document, "Offline two");
    void websocketProvider.connect();
    await waitForSaved(provider);
    return { frames: sockets.at(-1)!.frames, stored: await storedBodyText(document.id) };
  } finally {
    provider.destroy();
    websocketProvider.destroy();
  }
}

describe("keepSaveStateHonest", () => {
  test("without it, updates queued offline are sent ahead of the sync step 2 and their acknowledgements end 'Saving' early", async () => {
    const { frames } = await reconnectAfterOfflineEdits({ isHonest: false });
    expect(frames.slice(0, 3)).toEqual(["update", "update", "step2"]);
  });

  test("with it, the sync step 2 alone carries the offline edits, so the counter reaches zero only once it is stored", async () => {
    const { frames, stored } = await reconnectAfterOfflineEdits({ isHonest: true });
    expect(frames).toEqual(["step2"]);
    expect(stored).toBe("Online\nOffline one\nOffline two");
  });
});
