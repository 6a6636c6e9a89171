import { describe, expect, it } from "vitest";
import { jsonFromYDoc } from "@/lib/documents/content";
import { HeadlessEditor, negotiationText, yDocFrom } from "@/lib/suggestions/testing";
import { canonicalContentFromJson, versionTextsFromJson } from "@/lib/versions/canonical-content";
import { readVersionText } from "@/lib/versions/version-text";

function versionWithSuggestions() {
  const editor = new HeadlessEditor(yDocFrom(negotiationText()), { id: "user-al", name: "Arta Hoxha", organisationCode: "AL" });
  const at = editor.find("cooperate");
  editor.change(HeadlessEditor.typeAt(at, at, " closely"));
  const word = editor.find("trust ", "start");
  editor.change((state) => state.tr.delete(word, word + "trust ".length));
  const serbia = new HeadlessEditor(editor.doc, { id: "user-rs", name: "Marko Petrović", organisationCode: "RS" });
  const end = serbia.find("contact point");
  serbia.change(HeadlessEditor.typeAt(end, end, " and a deputy"));
  return versionTextsFromJson(jsonFromYDoc(serbia.doc));
}

describe("the text a version page shows", () => {
  it("is the clean text unless the open suggestions are asked for, and counts them per economy either way", () => {
    const version = versionWithSuggestions();
    const clean = readVersionText(version, "clean");
    expect(clean.kind).toBe("clean");
    expect(canonicalContentFromJson(clean.json)).toBe(version.content);
    expect(clean.openSuggestions).toEqual([{ organisationCode: "AL", count: 2 }, { organisationCode: "RS", count: 1 }]);

    const shown = readVersionText(version, "suggestions");
    expect(shown.kind).toBe("suggestions");
    expect(JSON.stringify(shown.json)).toContain("suggestionInsert");
    expect(JSON.stringify(shown.json)).toContain("suggestionDelete");
  });

  it("falls back to the clean text when the version kept no suggestions, or none were open", () => {
    const legacy = readVersionText({ content: canonicalContentFromJson(negotiationText()), contentWithSuggestions: null }, "suggestions");
    expect(legacy).toMatchObject({ kind: "clean", openSuggestions: null });
    const none = readVersionText(versionTextsFromJson(negotiationText()), "suggestions");
    expect(none).toMatchObject({ kind: "clean", openSuggestions: [] });
  });
});
