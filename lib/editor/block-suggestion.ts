import { Extension } from "@tiptap/core";
import type { Node as ProseMirrorNode, ResolvedPos } from "@tiptap/pm/model";
import { z } from "zod";
import { clipped, encodeSuggestionAttribute, parseSuggestionAttribute, suggestionAttributesSchema, type SuggestionAttributes } from "@/lib/editor/suggestion-attributes";
import { NOTE_SUGGESTION } from "@/lib/editor/note-suggestion";
import { TABLE_SUGGESTION } from "@/lib/editor/table-suggestion";

/**
 * Suggested changes to a paragraph's form rather than its words: another style (heading, article
 * heading, numbered paragraph, body text), into or out of a list, or joining it with the paragraph
 * before. In Suggesting mode the block itself is left as it is and carries the proposal in one
 * attribute, `blockSuggestion`, on the paragraph or heading, stored by y-prosemirror as an
 * attribute of its Yjs element. So the text is unchanged by construction, the proposal follows
 * concurrent edits and reloads like any attribute, and the collaboration server can check who it
 * names (lib/suggestions/update-rule.ts). Accepting applies the proposal; rejecting removes it.
 */
export const BLOCK_SUGGESTION = "blockSuggestion";

const LIST_TYPES = ["bulletList", "orderedList"] as const;

/** What decides how a paragraph or heading looks: its node, style attributes and the list it sits in. */
export const blockFormSchema = z.object({
  type: z.enum(["paragraph", "heading"]),
  level: z.number().int().min(1).max(3).nullable(),
  article: z.boolean(),
  numbered: z.boolean(),
  list: z.enum(LIST_TYPES).nullable(),
});
export type BlockForm = z.infer<typeof blockFormSchema>;

/**
 * A form change names the form before and after: accepting applies only what differs between the
 * two, so the label (computed from the same two) says exactly what accepting will do.
 */
const proposalSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("form"), from: blockFormSchema, to: blockFormSchema }),
  z.object({ kind: z.literal("join") }),
]);
export type BlockProposal = z.infer<typeof proposalSchema>;

export const blockSuggestionSchema = suggestionAttributesSchema.extend({ proposal: proposalSchema });
export type BlockSuggestion = z.infer<typeof blockSuggestionSchema>;

/** The attribute's stored value (a JSON string, so y-prosemirror compares it as a plain value). */
export function encodeBlockSuggestion(attributes: SuggestionAttributes, proposal: BlockProposal): string {
  return encodeSuggestionAttribute(attributes, { proposal });
}

/** The block suggestion an attribute value holds, or null when it holds none or something unreadable. */
export function parseBlockSuggestion(value: unknown): BlockSuggestion | null {
  return parseSuggestionAttribute(value, blockSuggestionSchema);
}

/** The form of the textblock at `$inside` (a position inside it). */
export function blockFormAt($inside: ResolvedPos): BlockForm | null {
  const block = $inside.parent;
  if (block.type.name !== "paragraph" && block.type.name !== "heading") return null;
  let list: BlockForm["list"] = null;
  for (let depth = $inside.depth - 1; depth > 0 && !list; depth -= 1) {
    const name = $inside.node(depth).type.name;
    if (name === "bulletList" || name === "orderedList") list = name;
  }
  return {
    type: block.type.name,
    level: block.type.name === "heading" ? Number(block.attrs.level) : null,
    article: block.type.name === "heading" && Boolean(block.attrs.article),
    numbered: block.type.name === "paragraph" && Boolean(block.attrs.numbered),
    list,
  };
}

export function isSameStyle(a: BlockForm, b: BlockForm): boolean {
  return a.type === b.type && a.level === b.level && a.article === b.article && a.numbered === b.numbered;
}

function styleLabel(form: BlockForm): string {
  if (form.type === "paragraph") return form.numbered ? "Numbered paragraph" : "Body text";
  if (form.level === 1) return "Title";
  if (form.level === 2) return form.article ? "Article heading" : "Heading";
  return "Subheading";
}

/** What the proposal changes, in a few words ("Article heading", "Bulleted list", "Join with the previous paragraph"). */
export function describeProposal(proposal: BlockProposal): string {
  if (proposal.kind === "join") return "Join with the previous paragraph";
  const parts: string[] = [];
  if (!isSameStyle(proposal.from, proposal.to)) parts.push(styleLabel(proposal.to));
  if (proposal.from.list !== proposal.to.list) {
    parts.push(proposal.to.list === "bulletList" ? "Bulleted list" : proposal.to.list === "orderedList" ? "Numbered list" : "Out of the list");
  }
  return parts.join(", ") || "No change";
}

/** The readable account of a block suggestion kept with its outcome: "Article heading: ‘Cooperation’". */
export function describeBlockChange(proposal: BlockProposal, blockText: string): string {
  const text = blockText.replace(/\s+/g, " ").trim();
  return `${describeProposal(proposal)}: ‘${clipped(text, 60)}’`;
}

const ECONOMY_CODE = /^[A-Z]{2,6}$/;

/**
 * The `blockSuggestion` attribute on paragraphs and headings. It is drawn from the attribute alone
 * (a coloured rule and a label "AL suggests: Article heading"), in the editor and on a version's
 * page alike; it is never read from HTML, so pasted text cannot bring someone's proposal with it.
 */
export const BlockSuggestionAttribute = Extension.create({
  name: "blockSuggestionAttribute",

  addGlobalAttributes() {
    return [
      {
        types: ["paragraph", "heading"],
        attributes: {
          [BLOCK_SUGGESTION]: {
            default: null,
            // Not copied when a paragraph is split: the new paragraph is not what was proposed.
            keepOnSplit: false,
            parseHTML: () => null,
            renderHTML: (attributes: Record<string, unknown>) => {
              const suggestion = parseBlockSuggestion(attributes[BLOCK_SUGGESTION]);
              if (!suggestion || !ECONOMY_CODE.test(suggestion.organisationCode)) return {};
              const change = describeProposal(suggestion.proposal);
              return {
                class: `block-suggestion block-suggestion--${suggestion.proposal.kind}`,
                style: `--suggestion-colour: var(--economy-${suggestion.organisationCode})`,
                "data-block-suggestion": `${suggestion.organisationCode} suggests: ${change}`,
                "data-block-suggestion-id": suggestion.id,
                title: `Suggested by ${suggestion.authorName} (${suggestion.organisationCode}): ${change}`,
              };
            },
          },
        },
      },
    ];
  },
});

/** A textblock's suggestion with where it is (the position before the block). */
export type PlacedBlockSuggestion = { position: number; node: ProseMirrorNode; suggestion: BlockSuggestion };

type NodeJson = { attrs?: Record<string, unknown>; content?: NodeJson[] };

/** The suggestion attributes that are left out of the JSON where they hold nothing. */
const OPTIONAL_ATTRIBUTES = [BLOCK_SUGGESTION, NOTE_SUGGESTION, TABLE_SUGGESTION];

/**
 * ProseMirror's `toJSON()` writes every attribute, so each paragraph would carry
 * `"blockSuggestion": null`, each note `"noteSuggestion": null` and each table, row and cell
 * `"tableSuggestion": null`. Left out where they hold
 * nothing, a text without such suggestions has the JSON, and so the digest, it had before they
 * existed (and the clean text never has any).
 */
export function jsonWithoutEmptyBlockSuggestions<Json extends NodeJson>(json: Json): Json {
  const result: NodeJson = { ...json };
  if (json.attrs && OPTIONAL_ATTRIBUTES.some((key) => key in json.attrs! && json.attrs![key] === null)) {
    result.attrs = Object.fromEntries(Object.entries(json.attrs).filter(([key, value]) => !(OPTIONAL_ATTRIBUTES.includes(key) && value === null)));
  }
  if (json.content) result.content = json.content.map(jsonWithoutEmptyBlockSuggestions);
  return result as Json;
}
