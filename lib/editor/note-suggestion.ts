import { z } from "zod";
import { clipped, encodeSuggestionAttribute, parseSuggestionAttribute, suggestionAttributesSchema, type SuggestionAttributes } from "@/lib/editor/suggestion-attributes";

/**
 * A note (footnote marker) suggested into or out of the text, or reworded. y-prosemirror keeps no
 * marks on inline nodes such as notes, so a note carries its suggestion in an attribute instead,
 * with the same attribution as the suggestion marks: who, which economy, when, and whether the note
 * is proposed for insertion, for deletion, or with new wording (`reword`, whose `text` is the
 * proposed wording; the note's own `text` stays as it stands until the rewording is accepted, so
 * the clean text and its digest do not change). A suggested note's wording is its author's to
 * write until it is decided. The collaboration server checks it like the marks
 * (lib/suggestions/update-rule.ts).
 */
export const NOTE_SUGGESTION = "noteSuggestion";

/** The longest proposed wording: a note's wording has no limit of its own, a proposal kept in an attribute does. */
export const MAX_NOTE_REWORDING_LENGTH = 10_000;

/** A note as it reads in plain text (copy, Compare, the words of a suggested note): " [Note: wording]". */
export const noteAsText = (wording: unknown) => ` [Note: ${String(wording ?? "")}]`;

export const noteSuggestionSchema = z.discriminatedUnion("kind", [
  suggestionAttributesSchema.extend({ kind: z.literal("insert") }),
  suggestionAttributesSchema.extend({ kind: z.literal("delete") }),
  suggestionAttributesSchema.extend({ kind: z.literal("reword"), text: z.string().max(MAX_NOTE_REWORDING_LENGTH) }),
]);
export type NoteSuggestion = z.infer<typeof noteSuggestionSchema>;

/** The attribute's stored value (a JSON string, compared by y-prosemirror as a plain value) for a note suggested in or out. */
export function encodeNoteSuggestion(attributes: SuggestionAttributes, kind: "insert" | "delete"): string {
  return encodeSuggestionAttribute(attributes, { kind });
}

/** The attribute's stored value for new wording proposed for a note. */
export function encodeNoteRewording(attributes: SuggestionAttributes, text: string): string {
  return encodeSuggestionAttribute(attributes, { kind: "reword", text });
}

/** The note suggestion an attribute value holds, or null when none or unreadable. */
export function parseNoteSuggestion(value: unknown): NoteSuggestion | null {
  return parseSuggestionAttribute(value, noteSuggestionSchema);
}

/** "Note: ‘old’ → ‘new’", each wording cut short, as the suggestions panel and the record describe a rewording. */
export function describeNoteRewording(current: string, proposed: string): string {
  const clip = (text: string) => clipped(text.replace(/\s+/g, " ").trim(), 120);
  return `Note: ‘${clip(current)}’ → ‘${clip(proposed)}’`;
}

type NodeJson = { type: string; attrs?: Record<string, unknown>; content?: NodeJson[] };

/** The text with notes suggested for insertion left out, as exports without tracked changes show it (numbering included). */
export function withoutSuggestedNotes<Json extends NodeJson>(json: Json): Json {
  if (!json.content) return json;
  const content = json.content.filter((child) => !(child.type === "note" && parseNoteSuggestion(child.attrs?.[NOTE_SUGGESTION])?.kind === "insert"));
  return { ...json, content: content.map(withoutSuggestedNotes) };
}
