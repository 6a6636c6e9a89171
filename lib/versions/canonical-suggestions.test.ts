import { TextSelection } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import { documentSchema, jsonFromYDoc } from "@/lib/documents/content";
import { findSuggestions } from "@/lib/editor/suggestion-marks";
import { HeadlessEditor, negotiationText, yDocFrom } from "@/lib/suggestions/testing";
import { canonicalContentFromJson, digestOfContent, jsonFromContent, versionTextsFromJson } from "@/lib/versions/canonical-content";

const albania = { id: "user-al", name: "Arta Hoxha", organisationCode: "AL" };

describe("canonical content with open suggestions", () => {
  it("leaves suggested insertions out and keeps suggested deletions, so suggesting never changes the digest", () => {
    const clean = canonicalContentFromJson(negotiationText());
    const editor = new HeadlessEditor(yDocFrom(negotiationText()), albania);
    const at = editor.find("cooperate");
    editor.change(HeadlessEditor.typeAt(at, at, " closely"));
    const word = editor.find("trust ", "start");
    editor.change((state) => state.tr.delete(word, word + "trust ".length));
    const split = editor.find("designates", "start");
    editor.change((state) => state.tr.setSelection(TextSelection.create(state.doc, split)).split(split));
    const end = editor.find("contact point.");
    editor.change(HeadlessEditor.typeAt(end, end, " Replaced"));

    const withSuggestions = jsonFromYDoc(editor.doc);
    expect(findSuggestions(documentSchema().nodeFromJSON(withSuggestions))).toHaveLength(4);
    const content = canonicalContentFromJson(withSuggestions);
    expect(content).toBe(clean);
    expect(digestOfContent(content)).toBe(digestOfContent(clean));
    expect(content).not.toContain("suggestion");

    // A version keeps the suggestions beside the clean text, under their own digest.
    const texts = versionTextsFromJson(withSuggestions);
    expect(texts.content).toBe(clean);
    expect(findSuggestions(documentSchema().nodeFromJSON(jsonFromContent(texts.contentWithSuggestions)))).toHaveLength(4);
    expect(texts.digestWithSuggestions).toBe(digestOfContent(texts.contentWithSuggestions));
    expect(versionTextsFromJson(negotiationText())).toMatchObject({ contentWithSuggestions: clean, digestWithSuggestions: digestOfContent(clean) });
  });

  it("changes the digest once a suggestion is accepted into the text", () => {
    const clean = canonicalContentFromJson(negotiationText());
    const accepted = negotiationText();
    accepted.content![1]!.content![0]!.text = "The Participants shall cooperate closely on trust services.";
    expect(digestOfContent(canonicalContentFromJson(accepted))).not.toBe(digestOfContent(clean));
  });
});
