import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentSchema, jsonFromYDoc } from "@/lib/documents/content";
import { findSuggestions } from "@/lib/editor/suggestion-marks";
import { applySuggestionOutcomes } from "@/lib/editor/suggestion-decisions";
import { SuggestionReplica, type Suggester } from "@/lib/suggestions/update-rule";
import { HeadlessEditor, negotiationText, yDocFrom } from "@/lib/suggestions/testing";

const albania: Suggester = { id: "user-al", name: "Arta Hoxha", organisationCode: "AL" };
const secretariat: Suggester = { id: "user-rcc", name: "Secretariat", organisationCode: "RCC" };

/** The secretariat accepts every open suggestion in its own editor; the update it sends (never checked). */
function acceptEverything(server: Y.Doc): Uint8Array {
  const pen = new HeadlessEditor(server, secretariat);
  const transaction = pen.editorState.tr;
  applySuggestionOutcomes(transaction, new Map(findSuggestions(pen.editorState.doc).map((suggestion) => [suggestion.id, "accept" as const])));
  return pen.apply(transaction);
}

/** Albania's update removing the words it suggested, which is allowed only while they are still its suggestion. */
function takeBackCloselyUpdate(server: Y.Doc): Uint8Array {
  const editor = new HeadlessEditor(server, albania);
  const start = editor.find(" closely", "start");
  return editor.change((state) => state.tr.delete(start, start + " closely".length), "editing");
}

describe("the replica the negotiation rule tries updates on", () => {
  it("follows the live document after an allowed update, so a suggestion the secretariat accepted is no longer the delegate's to remove", () => {
    const server = yDocFrom(negotiationText());
    const replica = new SuggestionReplica(server);
    const editor = new HeadlessEditor(server, albania);
    const at = editor.find("cooperate");
    const suggestion = editor.change(HeadlessEditor.typeAt(at, at, " closely"));
    expect(replica.check(suggestion, albania).isAllowed).toBe(true);
    Y.applyUpdate(server, suggestion);
    // Still Albania's suggestion: taking it back would be allowed (tried on a copy, so nothing changes).
    const fresh = new SuggestionReplica(server);
    expect(fresh.check(takeBackCloselyUpdate(server), albania).isAllowed).toBe(true);
    fresh.destroy();

    Y.applyUpdate(server, acceptEverything(server));
    expect(findSuggestions(documentSchema().nodeFromJSON(jsonFromYDoc(server)))).toEqual([]);
    expect(replica.check(takeBackCloselyUpdate(server), albania)).toMatchObject({ isAllowed: false, reason: expect.stringMatching(/only suggest/) });
  });

  it("follows a change that reaches the live document between an update's check and its application", () => {
    const server = yDocFrom(negotiationText());
    const replica = new SuggestionReplica(server);
    const editor = new HeadlessEditor(server, albania);
    const at = editor.find("cooperate");
    const suggestion = editor.change(HeadlessEditor.typeAt(at, at, " closely"));
    Y.applyUpdate(server, suggestion);
    expect(replica.check(suggestion, albania).isAllowed).toBe(true);

    const second = editor.change(HeadlessEditor.typeAt(editor.find("contact point"), editor.find("contact point"), " each"));
    expect(replica.check(second, albania).isAllowed).toBe(true);
    // The secretariat's acceptance lands first, then the update that was checked.
    Y.applyUpdate(server, acceptEverything(server));
    Y.applyUpdate(server, second);
    expect(replica.check(takeBackCloselyUpdate(server), albania)).toMatchObject({ isAllowed: false, reason: expect.stringMatching(/only suggest/) });
  });
});
