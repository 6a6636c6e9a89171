import { Mark, mergeAttributes } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { suggestionAttributesSchema, type SuggestionAttributes } from "@/lib/editor/suggestion-attributes";
import { BLOCK_SUGGESTION, describeBlockChange, parseBlockSuggestion, type BlockProposal } from "@/lib/editor/block-suggestion";

/**
 * Suggestions (track changes) as two marks on the text, stored by y-prosemirror as Yjs formatting
 * attributes named like the marks. Living in the shared document like bold or a comment anchor,
 * they follow everyone's concurrent edits, survive reloads and offline work and reach everyone live.
 *
 * - `suggestionInsert`: text someone proposes to add. It stays in the text, drawn in the proposing
 *   economy's colour, until accepted (the mark is removed) or rejected (the text is removed).
 * - `suggestionDelete`: text someone proposes to remove. It stays visible, struck through, until
 *   accepted (the text is removed) or rejected (the mark is removed).
 *
 * Every mark carries who proposed it; `id` groups the marks of one suggestion (a replacement is a
 * deletion and an insertion with one id; a new paragraph is the moved tail's deletion and the new
 * paragraph's insertion). The collaboration server refuses, in a negotiation document, any
 * delegate's update whose marks name someone else (lib/suggestions/update-rule.ts).
 */
export const SUGGESTION_INSERT = "suggestionInsert";
export const SUGGESTION_DELETE = "suggestionDelete";
export const SUGGESTION_MARKS = [SUGGESTION_INSERT, SUGGESTION_DELETE] as const;

/**
 * Marks a new suggested paragraph that would otherwise be empty (Enter at the end of a
 * paragraph), so that it has text to attribute. It is removed when the paragraph is accepted.
 */
export const PARAGRAPH_PLACEHOLDER = "\u200b";

export { suggestionAttributesSchema, type SuggestionAttributes };

/** The person suggesting: the identity of the signed-in session. */
export type SuggestionAuthor = { id: string; name: string; organisationCode: string };

const ATTRIBUTE_NAMES = ["id", "authorId", "authorName", "organisationCode", "createdAt"] as const;

function suggestionMark(name: typeof SUGGESTION_INSERT | typeof SUGGESTION_DELETE, tag: "ins" | "del") {
  const verb = name === SUGGESTION_INSERT ? "insertion" : "deletion";
  return Mark.create({
    name,
    // Typing at the edge of someone's suggestion must not join it: the editor marks new text itself.
    inclusive: false,
    // An insertion can carry another economy's deletion (a suggestion to drop a suggestion); two marks of one kind cannot overlap.
    excludes: name,
    priority: 1100,

    addAttributes() {
      return Object.fromEntries(
        ATTRIBUTE_NAMES.map((attribute) => [
          attribute,
          {
            default: "",
            parseHTML: (element: HTMLElement) => element.getAttribute(`data-suggestion-${attribute.toLowerCase()}`) ?? "",
            renderHTML: (attributes: Record<string, unknown>) => ({ [`data-suggestion-${attribute.toLowerCase()}`]: String(attributes[attribute] ?? "") }),
          },
        ]),
      );
    },

    parseHTML() {
      return [{ tag: `${tag}[data-suggestion-id]` }];
    },

    renderHTML({ HTMLAttributes, mark }) {
      const code = String(mark.attrs.organisationCode ?? "");
      const isKnownCode = /^[A-Z]{2,6}$/.test(code);
      return [
        tag,
        mergeAttributes(HTMLAttributes, {
          class: `suggestion suggestion--${verb}`,
          // Drawn in the proposing economy's colour; codes are checked so no text reaches the style.
          style: isKnownCode ? `--suggestion-colour: var(--economy-${code})` : "",
          title: `Suggested ${verb} by ${String(mark.attrs.authorName ?? "")} (${code})`,
          "data-economy": code,
        }),
        0,
      ];
    },
  });
}

export const SuggestionInsertMark = suggestionMark(SUGGESTION_INSERT, "ins");
export const SuggestionDeleteMark = suggestionMark(SUGGESTION_DELETE, "del");

/** One suggestion as found in a document: its attributes, its text and where it is. */
export type FoundSuggestion = SuggestionAttributes & {
  inserted: string;
  deleted: string;
  /** What its block suggestions propose, readably ("Article heading: ‘Cooperation’"); empty when it has none. */
  change: string;
  /** The ranges its marks cover and the content of the blocks whose form it would change, in reading order. */
  ranges: { from: number; to: number; kind: "insert" | "delete" | "block" }[];
  /** Its proposals on the form of paragraphs (lib/editor/block-suggestion.ts), each with the position before the block. */
  blocks: { position: number; proposal: BlockProposal }[];
  /** Text of the article heading it is under, if any ("Article 3 — Scope"). */
  article: string | null;
};

/** Every suggestion in a ProseMirror document, grouped by id, in reading order. */
export function findSuggestions(doc: ProseMirrorNode): FoundSuggestion[] {
  const found = new Map<string, FoundSuggestion>();
  let article: string | null = null;
  let articleNumber = 0;
  doc.descendants((node, position) => {
    if (node.type.name === "heading" && node.attrs.article) {
      articleNumber += 1;
      article = `Article ${articleNumber}${node.textContent.trim() ? ` — ${node.textContent.trim()}` : ""}`;
    }
    if (node.isTextblock) {
      const block = parseBlockSuggestion(node.attrs[BLOCK_SUGGESTION]);
      if (block) {
        const { proposal, ...attributes } = block;
        const entry = found.get(block.id) ?? { ...attributes, inserted: "", deleted: "", change: "", ranges: [], blocks: [], article };
        entry.blocks.push({ position, proposal });
        entry.ranges.push({ from: position + 1, to: position + node.nodeSize - 1, kind: "block" });
        const change = describeBlockChange(proposal, node.textContent.replaceAll(PARAGRAPH_PLACEHOLDER, ""));
        entry.change = entry.change ? `${entry.change}; ${change}` : change;
        found.set(block.id, entry);
      }
    }
    if (!node.isInline) return true;
    for (const mark of node.marks) {
      const kind = mark.type.name === SUGGESTION_INSERT ? "insert" : mark.type.name === SUGGESTION_DELETE ? "delete" : null;
      if (!kind) continue;
      const parsed = suggestionAttributesSchema.safeParse(mark.attrs);
      if (!parsed.success) continue;
      const entry = found.get(parsed.data.id) ?? { ...parsed.data, inserted: "", deleted: "", change: "", ranges: [], blocks: [], article };
      const text = (node.isText ? (node.text ?? "") : "").replaceAll(PARAGRAPH_PLACEHOLDER, "");
      const last = entry.ranges.at(-1);
      if (last && last.kind === kind && last.to === position) last.to = position + node.nodeSize;
      else {
        // A new range of insertion after another one starts a new paragraph of the suggestion.
        if (kind === "insert" && entry.inserted && last) entry.inserted += "\n";
        entry.ranges.push({ from: position, to: position + node.nodeSize, kind });
      }
      if (kind === "insert") entry.inserted += text;
      else entry.deleted += text;
      found.set(parsed.data.id, entry);
    }
    return false;
  });
  return [...found.values()];
}
