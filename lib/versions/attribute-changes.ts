import type { DiffRow } from "@/lib/versions/compare-texts";

/** A suggestion the secretariat accepted, as the record of that decision keeps it (lib/suggestions/record-suggestion-outcomes.ts). */
export type AcceptedSuggestion = {
  id: string;
  organisationCode: string;
  authorName: string;
  /** The words it added, paragraphs joined by "\n". */
  inserted: string;
  /** The words it removed. */
  deleted: string;
  decidedAt: Date;
};

/**
 * Where a changed passage of a comparison came from:
 * - `suggestion`: from the accepted suggestions named (`isPartial` when some of its words are not theirs);
 * - `direct`: from no accepted suggestion between the two texts, so it was edited directly
 *   (by the secretariat, in open drafting by anyone, or by replacing the text from Word);
 * - `unknown`: its words are those of an accepted suggestion that also fit another changed passage,
 *   so which one it came from cannot be told.
 */
export type ChangeAttribution =
  | { kind: "suggestion"; suggestions: AcceptedSuggestion[]; isPartial: boolean }
  | { kind: "direct" }
  | { kind: "unknown" };

/** One entry per part of each row of a comparison: null for unchanged parts and for changes of spacing alone. */
export type RowAttributions = (ChangeAttribution | null)[][];

/** What one side of a comparison was at the moment it was taken. */
export type ComparedMoment = {
  takenAt: Date;
  /** Ids of the suggestions open in that text; null when unknown (a version saved before they were kept). */
  openSuggestionIds: ReadonlySet<string> | null;
};

/**
 * The accepted suggestions whose acceptance can show between an older and a newer text: decided
 * after the older text was taken or still open in it (decided just before, applied after), decided
 * by the time the newer one was taken and no longer open in it (decided, but not yet applied).
 */
export function acceptedBetween(accepted: AcceptedSuggestion[], older: ComparedMoment, newer: ComparedMoment): AcceptedSuggestion[] {
  return accepted.filter(
    (suggestion) =>
      suggestion.decidedAt.getTime() <= newer.takenAt.getTime() &&
      (suggestion.decidedAt.getTime() > older.takenAt.getTime() || older.openSuggestionIds?.has(suggestion.id) === true) &&
      newer.openSuggestionIds?.has(suggestion.id) !== true,
  );
}

type Token = { text: string; row: number; part: number; isChanged: boolean };

// Words and single punctuation marks; spacing and invisible format characters (the placeholder of an empty suggested paragraph) do not count.
const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}\p{Cf}]/gu;

function tokensOf(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * Tells, for each inserted and deleted passage of a comparison, which accepted suggestion it came
 * from. A suggestion's words stand together in the text: its insertion in the newer text, its
 * deletion in the older one. The word diff may keep some of them as unchanged (a replacement of
 * "the Participants shall" by "the Parties shall" shows only "Participants" → "Parties"), so each
 * suggestion's words are looked for in the whole side, unchanged words included, where they cover
 * at least one changed word; the changed words they cover are its. Longer suggestions are placed
 * first. Suggestions with the same words are placed together: when there are no more places than
 * such suggestions and they share a proposer, each place is theirs; otherwise which suggestion
 * made which change cannot be told and those passages are `unknown` rather than guessed.
 */
export function attributeChanges(rows: DiffRow[], accepted: AcceptedSuggestion[]): RowAttributions {
  const after = attributeSide(rows, "after", accepted);
  const before = attributeSide(rows, "before", accepted);
  return rows.map((row, rowIndex) =>
    row.parts.map((part, partIndex) => {
      if (part.change === "same") return null;
      const side = part.change === "added" ? after : before;
      return side.get(`${rowIndex}:${partIndex}`) ?? null;
    }),
  );
}

function attributeSide(rows: DiffRow[], side: "before" | "after", accepted: AcceptedSuggestion[]): Map<string, ChangeAttribution> {
  const own = side === "after" ? "added" : "removed";
  const tokens: Token[] = [];
  rows.forEach((row, rowIndex) =>
    row.parts.forEach((part, partIndex) => {
      if (part.change !== "same" && part.change !== own) return;
      for (const text of tokensOf(part.text)) tokens.push({ text, row: rowIndex, part: partIndex, isChanged: part.change === own });
    }),
  );
  const claimedBy: (AcceptedSuggestion | null)[] = tokens.map(() => null);
  const isAmbiguous: boolean[] = tokens.map(() => false);
  const isOpen = (index: number) => tokens[index].isChanged && claimedBy[index] === null;

  for (const group of groupByWords(accepted, side)) {
    const places = findPlaces(tokens, group.words, isOpen);
    if (places.length === 0) continue;
    const [first] = group.suggestions;
    const isOneProposer = group.suggestions.every((suggestion) => suggestion.organisationCode === first.organisationCode && suggestion.authorName === first.authorName);
    const isKnown = places.length <= group.suggestions.length && isOneProposer;
    places.forEach((start, placeIndex) => {
      for (let index = start; index < start + group.words.length; index++) {
        if (!isOpen(index)) continue;
        if (isKnown) claimedBy[index] = group.suggestions[placeIndex];
        else isAmbiguous[index] = true;
      }
    });
  }

  const byPart = new Map<string, { suggestions: AcceptedSuggestion[]; claimed: number; ambiguous: number; total: number }>();
  tokens.forEach((token, index) => {
    if (!token.isChanged) return;
    const key = `${token.row}:${token.part}`;
    const entry = byPart.get(key) ?? { suggestions: [], claimed: 0, ambiguous: 0, total: 0 };
    entry.total++;
    const suggestion = claimedBy[index];
    if (suggestion) {
      entry.claimed++;
      if (!entry.suggestions.includes(suggestion)) entry.suggestions.push(suggestion);
    } else if (isAmbiguous[index]) entry.ambiguous++;
    byPart.set(key, entry);
  });
  const result = new Map<string, ChangeAttribution>();
  for (const [key, entry] of byPart) {
    if (entry.claimed > 0) result.set(key, { kind: "suggestion", suggestions: entry.suggestions, isPartial: entry.claimed < entry.total });
    else result.set(key, entry.ambiguous > 0 ? { kind: "unknown" } : { kind: "direct" });
  }
  return result;
}

/** Accepted suggestions with the same words on one side, longest words first, earliest decision first within a group. */
function groupByWords(accepted: AcceptedSuggestion[], side: "before" | "after"): { words: string[]; suggestions: AcceptedSuggestion[] }[] {
  const groups = new Map<string, { words: string[]; suggestions: AcceptedSuggestion[] }>();
  for (const suggestion of [...accepted].sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime())) {
    const words = tokensOf(side === "after" ? suggestion.inserted : suggestion.deleted);
    if (words.length === 0) continue;
    const key = words.join("\u0000");
    const group = groups.get(key) ?? { words, suggestions: [] };
    group.suggestions.push(suggestion);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.words.length - a.words.length);
}

/**
 * Starts of the non-overlapping places, in reading order, where `words` stand in `tokens` covering
 * at least one changed word not yet placed. Only starts near such words are tried.
 */
function findPlaces(tokens: Token[], words: string[], isOpen: (index: number) => boolean): number[] {
  const places: number[] = [];
  let nextFree = 0;
  let lastTried = -1;
  for (let index = 0; index < tokens.length; index++) {
    if (!isOpen(index)) continue;
    for (let start = Math.max(index - words.length + 1, nextFree, lastTried + 1); start <= index; start++) {
      lastTried = start;
      if (start + words.length > tokens.length) break;
      if (words.every((word, offset) => tokens[start + offset].text === word)) {
        places.push(start);
        nextFree = start + words.length;
        lastTried = nextFree - 1;
        break;
      }
    }
  }
  return places;
}
