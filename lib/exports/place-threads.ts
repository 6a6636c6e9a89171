import type { ProseMirrorJson } from "@/lib/documents/content";
import { COMMENT_MARK } from "@/lib/editor/comment-mark";
import { articleHeadingText, numberDocument } from "@/lib/editor/numbering";
import { getOrganisation } from "@/lib/organisations/catalogue";

type Person = { name: string; organisationCode: string };

/** A comment thread as the exports show it. */
export type ExportThread = {
  id: string;
  organisationCode: string;
  kind: "REMARK" | "PROPOSAL" | "RESERVATION" | "QUESTION";
  status: "OPEN" | "ANSWERED" | "RESOLVED";
  quote: string;
  suggestedText: string | null;
  createdAt: Date;
  appliedAt: Date | null;
  resolvedAt: Date | null;
  author: Person;
  resolvedBy: Person | null;
  comments: { author: Person; body: string; createdAt: Date; isDeleted: boolean }[];
};

/** "Arben Hoxha (Albania)": how a person signs a Word comment or tracked change. */
export function attributedName(person: Person): string {
  return `${person.name} (${getOrganisation(person.organisationCode).shortName})`;
}

/** One text block of a document with the article it falls in, for placing threads. */
type PlacedBlock = { node: ProseMirrorJson; text: string; article: string | null; threadIds: Set<string> };

const squash = (value: string) => value.replace(/\s+/g, " ").trim();

function inlineText(node: ProseMirrorJson): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  return (node.content ?? []).map(inlineText).join("");
}

/** Every textblock in reading order, with its article ("Article 3 — Governance", "Preamble") and the threads anchored in it. */
export function placeBlocks(doc: ProseMirrorJson): PlacedBlock[] {
  const numbering = numberDocument(doc);
  const blocks: PlacedBlock[] = [];
  let article: string | null = null;
  const visit = (node: ProseMirrorJson) => {
    if (node.type === "paragraph" || node.type === "heading") {
      const text = inlineText(node);
      const number = numbering.articles.get(node);
      if (number !== undefined) article = articleHeadingText(number, text);
      else if (node.type === "heading" && Number(node.attrs?.level) === 2) article = squash(text) || null;
      const threadIds = new Set<string>();
      for (const child of node.content ?? []) {
        for (const mark of child.marks ?? []) {
          if (mark.type === COMMENT_MARK && typeof mark.attrs?.threadId === "string") threadIds.add(mark.attrs.threadId);
        }
      }
      blocks.push({ node, text, article, threadIds });
      return;
    }
    node.content?.forEach(visit);
  };
  visit(doc);
  return blocks;
}

/**
 * Where each thread sits in a text: the block its anchor mark is in (the live text keeps them), else
 * the first block containing its quote (versions are stored without anchors), else nowhere.
 */
export function placeThreads(blocks: PlacedBlock[], threads: ExportThread[]): Map<string, number | null> {
  const placement = new Map<string, number | null>();
  for (const thread of threads) {
    let index = blocks.findIndex((block) => block.threadIds.has(thread.id));
    const quote = squash(thread.quote);
    if (index < 0 && quote) index = blocks.findIndex((block) => squash(block.text).includes(quote));
    placement.set(thread.id, index < 0 ? null : index);
  }
  return placement;
}
