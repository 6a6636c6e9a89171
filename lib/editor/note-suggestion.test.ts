import { describe, expect, it } from "vitest";
import { MAX_NOTE_REWORDING_LENGTH, encodeNoteRewording, encodeNoteSuggestion, parseNoteSuggestion, withoutSuggestedNotes } from "@/lib/editor/note-suggestion";
import { numberDocument } from "@/lib/editor/numbering";

const attribution = { id: "s1", authorId: "user-al", authorName: "Arta Hoxha", organisationCode: "AL", createdAt: "2026-05-14T10:00:00.000Z" };

describe("exports without suggested notes", () => {
  it("leaves out a note suggested for insertion, keeps one suggested for deletion or with new wording proposed (as it stands), and numbers the rest", () => {
    const json = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Words" },
            { type: "note", attrs: { text: "Suggested.", noteSuggestion: encodeNoteSuggestion(attribution, "insert") } },
            { type: "note", attrs: { text: "Proposed for deletion.", noteSuggestion: encodeNoteSuggestion(attribution, "delete") } },
            { type: "note", attrs: { text: "Standing." } },
            { type: "note", attrs: { text: "As it stands.", noteSuggestion: encodeNoteRewording(attribution, "As proposed.") } },
          ],
        },
      ],
    };
    const clean = withoutSuggestedNotes(json);
    expect(clean.content[0]!.content!.map((child) => child.attrs?.text ?? child.text)).toEqual(["Words", "Proposed for deletion.", "Standing.", "As it stands."]);
    expect([...numberDocument(clean).notes.values()]).toEqual([1, 2, 3]);
  });
});

describe("new wording proposed for a note", () => {
  it("is read back with its attribution and the proposed wording", () => {
    expect(parseNoteSuggestion(encodeNoteRewording(attribution, "See Annex II."))).toEqual({ ...attribution, kind: "reword", text: "See Annex II." });
    expect(parseNoteSuggestion(encodeNoteSuggestion(attribution, "delete"))).toEqual({ ...attribution, kind: "delete" });
  });

  it("is unreadable without its wording, with wording too long to keep, or with a kind it does not know", () => {
    const stored = (proposal: Record<string, unknown>) => JSON.stringify({ ...attribution, ...proposal });
    expect(parseNoteSuggestion(stored({ kind: "reword" }))).toBeNull();
    expect(parseNoteSuggestion(stored({ kind: "reword", text: 42 }))).toBeNull();
    expect(parseNoteSuggestion(encodeNoteRewording(attribution, "x".repeat(MAX_NOTE_REWORDING_LENGTH + 1)))).toBeNull();
    expect(parseNoteSuggestion(encodeNoteRewording(attribution, "x".repeat(MAX_NOTE_REWORDING_LENGTH)))).not.toBeNull();
    expect(parseNoteSuggestion(stored({ kind: "rename", text: "x" }))).toBeNull();
  });
});
