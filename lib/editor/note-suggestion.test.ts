import { describe, expect, it } from "vitest";
import { encodeNoteSuggestion, withoutSuggestedNotes } from "@/lib/editor/note-suggestion";
import { numberDocument } from "@/lib/editor/numbering";

const attribution = { id: "s1", authorId: "user-al", authorName: "Arta Hoxha", organisationCode: "AL", createdAt: "2026-05-14T10:00:00.000Z" };

describe("exports without suggested notes", () => {
  it("leaves out a note suggested for insertion, keeps one suggested for deletion, and numbers the rest as they stand", () => {
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
          ],
        },
      ],
    };
    const clean = withoutSuggestedNotes(json);
    expect(clean.content[0]!.content!.map((child) => child.attrs?.text ?? child.text)).toEqual(["Words", "Proposed for deletion.", "Standing."]);
    expect([...numberDocument(clean).notes.values()]).toEqual([1, 2]);
  });
});
