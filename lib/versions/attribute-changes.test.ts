import { describe, expect, it } from "vitest";
import type { ProseMirrorJson } from "@/lib/documents/content";
import { acceptedBetween, attributeChanges, type AcceptedSuggestion, type ChangeAttribution } from "@/lib/versions/attribute-changes";
import { compareTexts } from "@/lib/versions/compare-texts";

function text(...paragraphs: string[]): ProseMirrorJson {
  return { type: "doc", content: paragraphs.map((paragraph) => ({ type: "paragraph", content: paragraph ? [{ type: "text", text: paragraph }] : [] })) };
}

let counter = 0;
function accepted(organisationCode: string, change: { inserted?: string; deleted?: string }, decidedAt = new Date("2026-05-14T10:00:00Z")): AcceptedSuggestion {
  counter++;
  return { id: `s-${counter}`, organisationCode, authorName: `${organisationCode} delegate`, inserted: change.inserted ?? "", deleted: change.deleted ?? "", decidedAt };
}

/** Each changed passage as "+words" or "-words" with what `attributeChanges` said of it. */
function attributed(before: ProseMirrorJson, after: ProseMirrorJson, suggestions: AcceptedSuggestion[]) {
  const { rows } = compareTexts(before, after);
  const attributions = attributeChanges(rows, suggestions);
  return rows.flatMap((row, rowIndex) =>
    row.parts.flatMap((part, partIndex) => (part.change === "same" ? [] : [{ passage: `${part.change === "added" ? "+" : "-"}${part.text.trim()}`, by: summary(attributions[rowIndex][partIndex]) }])),
  );
}

function summary(attribution: ChangeAttribution | null): string | null {
  if (!attribution) return null;
  if (attribution.kind !== "suggestion") return attribution.kind;
  return `${attribution.suggestions.map((suggestion) => suggestion.organisationCode).join("+")}${attribution.isPartial ? " (partly)" : ""}`;
}

const ORIGINAL = "The Participants shall cooperate on trust services.";

describe("attributeChanges", () => {
  it("names the economy whose accepted insertion a passage is, and calls other changes direct edits", () => {
    const albania = accepted("AL", { inserted: " closely" });
    expect(attributed(text(ORIGINAL, "Each Participant designates a contact point."), text("The Participants shall cooperate closely on trust services.", "Each Participant designates two contact points."), [albania])).toEqual([
      { passage: "+closely", by: "AL" },
      { passage: "-a", by: "direct" },
      { passage: "+two", by: "direct" },
      { passage: "-point", by: "direct" },
      { passage: "+points", by: "direct" },
    ]);
  });

  it("attributes both halves of a replacement even when the word diff keeps the words they share", () => {
    const serbia = accepted("RS", { deleted: "The Participants shall", inserted: "The Parties shall" });
    expect(attributed(text(ORIGINAL), text("The Parties shall cooperate on trust services."), [serbia])).toEqual([
      { passage: "-Participants", by: "RS" },
      { passage: "+Parties", by: "RS" },
    ]);
  });

  it("attributes a deletion, and a suggested new paragraph", () => {
    const montenegro = accepted("ME", { deleted: "trust " });
    const bosnia = accepted("BA", { inserted: "Each Participant designates a contact point.\nThe contact points meet twice a year." });
    const result = attributed(text(ORIGINAL), text("The Participants shall cooperate on services.", "Each Participant designates a contact point.", "The contact points meet twice a year."), [montenegro, bosnia]);
    expect(result).toEqual([
      { passage: "-trust", by: "ME" },
      { passage: "+Each Participant designates a contact point.", by: "BA" },
      { passage: "+The contact points meet twice a year.", by: "BA" },
    ]);
  });

  it("says when a passage is only partly an accepted suggestion", () => {
    const albania = accepted("AL", { inserted: " closely" });
    expect(attributed(text(ORIGINAL), text("The Participants shall cooperate closely and actively on trust services."), [albania])).toEqual([
      { passage: "+closely and actively", by: "AL (partly)" },
    ]);
  });

  it("does not guess between two places that fit one suggestion, or between economies that proposed the same words", () => {
    const before = text(ORIGINAL, "Each Participant designates a contact point.");
    const after = text("The Participants shall cooperate closely on trust services.", "Each Participant closely designates a contact point.");
    expect(attributed(before, after, [accepted("AL", { inserted: " closely" })]).map((entry) => entry.by)).toEqual(["unknown", "unknown"]);
    expect(attributed(before, after, [accepted("AL", { inserted: " closely" }), accepted("AL", { inserted: "closely " })]).map((entry) => entry.by)).toEqual(["AL", "AL"]);
    expect(attributed(before, after, [accepted("AL", { inserted: " closely" }), accepted("RS", { inserted: " closely" })]).map((entry) => entry.by)).toEqual(["unknown", "unknown"]);
  });

  it("places a longer suggestion before a shorter one with the same words", () => {
    const albania = accepted("AL", { inserted: " closely" });
    const serbia = accepted("RS", { inserted: "closely and in good faith" });
    expect(attributed(text(ORIGINAL, "Each Participant designates a contact point."), text("The Participants shall cooperate closely and in good faith on trust services.", "Each Participant closely designates a contact point."), [albania, serbia])).toEqual([
      { passage: "+closely and in good faith", by: "RS" },
      { passage: "+closely", by: "AL" },
    ]);
  });

  it("has nothing to say of unchanged text or of a change of spacing alone", () => {
    const { rows } = compareTexts(text(ORIGINAL), text("The Participants shall cooperate  on trust services."));
    const attributions = attributeChanges(rows, [accepted("AL", { inserted: " closely" })]);
    expect(attributions.flat().every((attribution) => attribution === null)).toBe(true);
  });
});

describe("acceptedBetween", () => {
  const older = { takenAt: new Date("2026-05-01T10:00:00Z"), openSuggestionIds: new Set(["open-then"]) };
  const newer = { takenAt: new Date("2026-05-20T10:00:00Z"), openSuggestionIds: new Set(["not-applied-yet"]) };

  it("keeps suggestions accepted between the two texts, or still open in the older one, and applied by the newer one", () => {
    const between = { ...accepted("AL", {}, new Date("2026-05-10T10:00:00Z")), id: "between" };
    const before = { ...accepted("AL", {}, new Date("2026-04-10T10:00:00Z")), id: "before" };
    const openThen = { ...accepted("RS", {}, new Date("2026-05-01T09:59:59Z")), id: "open-then" };
    const after = { ...accepted("ME", {}, new Date("2026-05-21T10:00:00Z")), id: "after" };
    const notAppliedYet = { ...accepted("BA", {}, new Date("2026-05-20T09:59:59Z")), id: "not-applied-yet" };
    expect(acceptedBetween([between, before, openThen, after, notAppliedYet], older, newer).map((suggestion) => suggestion.id)).toEqual(["between", "open-then"]);
    // Versions saved before open suggestions were kept: the times alone decide.
    const unknown = (moment: typeof older) => ({ ...moment, openSuggestionIds: null });
    expect(acceptedBetween([between, before, openThen, after, notAppliedYet], unknown(older), unknown(newer)).map((suggestion) => suggestion.id)).toEqual(["between", "not-applied-yet"]);
  });
});
