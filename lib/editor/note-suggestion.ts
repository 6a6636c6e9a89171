import { z } from "zod";
import { encodeSuggestionAttribute, parseSuggestionAttribute, suggestionAttributesSchema, type SuggestionAttributes } from "@/lib/editor/suggestion-attributes";

/**
 * A note (footnote marker) suggested into or out of the text. y-prosemirror keeps no marks on
 * inline nodes such as notes, so a note carries its suggestion in an attribute instead, with the
 * same attribution as the suggestion marks: who, which economy, when, and whether the note is
 * proposed for insertion or deletion. A suggested note's wording is its author's to write until
 * it is decided. The collaboration server checks it like the marks (lib/suggestions/update-rule.ts).
 */
export const NOTE_SUGGESTION = "noteSuggestion";

export const noteSuggestionSchema = suggestionAttributesSchema.extend({ kind: z.enum(["insert", "delete"]) });
export type NoteSuggestion = z.infer<typeof noteSuggestionSchema>;

/** The attribute's stored value (a JSON string, compared by y-prosemirror as a plain value). */
export function encodeNoteSuggestion(attributes: SuggestionAttributes, kind: NoteSuggestion["kind"]): string {
  return encodeSuggestionAttribute(attributes, { kind });
}

/** The note suggestion an attribute value holds, or null when none or unreadable. */
export function parseNoteSuggestion(value: unknown): NoteSuggestion | null {
  return parseSuggestionAttribute(value, noteSuggestionSchema);
}

type NodeJson = { type: string; attrs?: Record<string, unknown>; content?: NodeJson[] };

/** The text with notes suggested for insertion left out, as exports without tracked changes show it (numbering included). */
export function withoutSuggestedNotes<Json extends NodeJson>(json: Json): Json {
  if (!json.content) return json;
  const content = json.content.filter((child) => !(child.type === "note" && parseNoteSuggestion(child.attrs?.[NOTE_SUGGESTION])?.kind === "insert"));
  return { ...json, content: content.map(withoutSuggestedNotes) };
}
