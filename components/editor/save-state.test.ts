import { describe, expect, it } from "vitest";
import { hasUnsavedChanges, saveStateOf, type ConnectionFacts } from "@/components/editor/save-state";

const settled: ConnectionFacts = { connection: "connected", isOnline: true, isSynced: true, unacknowledgedChanges: 0, hasPendingLocalEdits: false };

describe("saveStateOf", () => {
  it.each<[string, Partial<ConnectionFacts>, ReturnType<typeof saveStateOf>]>([
    ["everything acknowledged", {}, "saved"],
    ["a local edit not yet acknowledged", { hasPendingLocalEdits: true, unacknowledgedChanges: 1 }, "saving"],
    ["a local edit made while the socket reconnects", { connection: "connecting", isSynced: false, hasPendingLocalEdits: true }, "saving"],
    ["changes kept on the device, sent after reconnecting, not yet acknowledged", { unacknowledgedChanges: 1 }, "saving"],
    ["socket open, server copy not received yet", { isSynced: false, unacknowledgedChanges: 1 }, "connecting"],
    ["first connection under way", { connection: "connecting", isSynced: false }, "connecting"],
    ["socket closed", { connection: "disconnected", isSynced: false }, "offline"],
    ["browser offline with edits", { isOnline: false, hasPendingLocalEdits: true }, "offline"],
  ])("%s", (_, facts, expected) => {
    expect(saveStateOf({ ...settled, ...facts })).toBe(expected);
  });
});

describe("hasUnsavedChanges", () => {
  it("warns only while local edits await the server's acknowledgement", () => {
    expect(hasUnsavedChanges(settled)).toBe(false);
    expect(hasUnsavedChanges({ ...settled, hasPendingLocalEdits: true })).toBe(true);
    expect(hasUnsavedChanges({ ...settled, connection: "disconnected", hasPendingLocalEdits: true })).toBe(true);
  });
});
