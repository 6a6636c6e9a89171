import { documentSchema, type ProseMirrorJson } from "@/lib/documents/content";
import { findSuggestions } from "@/lib/editor/suggestion-marks";
import { jsonFromContent } from "@/lib/versions/canonical-content";

/** The two readings of a version: its clean text (what the digest covers) or that text with its open suggestions. */
export type VersionTextKind = "clean" | "suggestions";

/** Open suggestions of one economy in a version's text. */
export type EconomySuggestionCount = { organisationCode: string; count: number };

export type VersionText = {
  json: ProseMirrorJson;
  /** Which reading `json` is: the one asked for, or the clean text when the version kept no suggestions. */
  kind: VersionTextKind;
  /** The open suggestions the version kept, per economy in reading order; null for a version saved before Accord kept them. */
  openSuggestions: EconomySuggestionCount[] | null;
};

/** Reads the text of a version a reader asked for; throws if the stored content no longer parses. */
export function readVersionText(version: { content: string; contentWithSuggestions: string | null }, wanted: VersionTextKind): VersionText {
  if (version.contentWithSuggestions === null) return { json: jsonFromContent(version.content), kind: "clean", openSuggestions: null };
  const withSuggestions = jsonFromContent(version.contentWithSuggestions);
  const counts = new Map<string, number>();
  for (const suggestion of findSuggestions(documentSchema().nodeFromJSON(withSuggestions))) {
    counts.set(suggestion.organisationCode, (counts.get(suggestion.organisationCode) ?? 0) + 1);
  }
  const openSuggestions = [...counts].map(([organisationCode, count]) => ({ organisationCode, count }));
  const isShowingSuggestions = wanted === "suggestions" && openSuggestions.length > 0;
  return {
    json: isShowingSuggestions ? withSuggestions : jsonFromContent(version.content),
    kind: isShowingSuggestions ? "suggestions" : "clean",
    openSuggestions,
  };
}
