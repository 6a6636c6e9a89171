import { db } from "@/lib/db";
import type { ProseMirrorJson } from "@/lib/documents/content";
import { COMMENT_MARK } from "@/lib/editor/comment-mark";
import { articleHeadingText, numberDocument } from "@/lib/editor/numbering";
import { getOrganisation } from "@/lib/organisations/catalogue";
import type { Actor } from "@/lib/policy";
import type { ExportSource } from "@/lib/exports/export-source";

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

/**
 * The threads an export shows: every thread on the document opened up to the moment of export. For
 * a version that includes threads opened after it was saved, since delegations comment on the
 * version circulated to them; a thread whose passage is not in that version's text says so.
 */
export async function findExportThreads({ source }: { actor: Actor; source: ExportSource }): Promise<ExportThread[]> {
  const threads = await db().commentThread.findMany({
    where: { documentId: source.documentId, createdAt: { lte: source.readAt } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: {
      author: { select: { name: true, organisationCode: true } },
      resolvedBy: { select: { name: true, organisationCode: true } },
      comments: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { author: { select: { name: true, organisationCode: true } } } },
    },
  });
  return threads.map((thread) => ({
    ...thread,
    comments: thread.comments.map((comment) => ({ author: comment.author, body: comment.deletedAt ? "" : comment.body, createdAt: comment.createdAt, isDeleted: comment.deletedAt !== null })),
  }));
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
