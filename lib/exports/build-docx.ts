import type { ProseMirrorJson } from "@/lib/documents/content";
import { articleHeadingText, numberDocument, paragraphLabel } from "@/lib/editor/numbering";
import { withoutSuggestedNotes } from "@/lib/editor/note-suggestion";
import type { ExportSource } from "@/lib/exports/export-source";
import { attributedName, placeBlocks, placeThreads, type ExportThread } from "@/lib/exports/export-threads";
import { KIND_LABEL, STATUS_LABEL, threadOutcome } from "@/lib/exports/labels";
import { renderDocx } from "@/lib/exports/render-docx";
import type { DocxPlan, PlainRun, PlannedChange, PlannedComment } from "@/lib/exports/write-docx.mts";

/** The marks suggesting mode puts on proposed insertions and deletions (see lib/editor on the `suggest` branch). */
export const SUGGESTION_INSERT_MARK = "suggestionInsert";
export const SUGGESTION_DELETE_MARK = "suggestionDelete";

export type DocxOptions = {
  source: ExportSource;
  /** Word comments for these threads ("with comments"); none for a clean export. */
  threads?: ExportThread[];
  /** Pending suggestions as Word tracked changes; otherwise the text as it stands without them. */
  trackChanges?: boolean;
};

/**
 * A Word document (.docx bytes) of a version or the live text, numbered exactly as the editor numbers
 * it. This thread works out the numbers, the comments and the suggestions' authors (a few
 * milliseconds); the worker builds and zips the file (lib/exports/write-docx.mts).
 */
export async function buildDocx(options: DocxOptions): Promise<Buffer> {
  return renderDocx(docxPlan(options));
}

/** Everything the Word file holds, as plain data for the worker. */
function docxPlan({ source: given, threads = [], trackChanges = false }: DocxOptions): DocxPlan {
  // Without tracked changes a note only suggested is left out, like suggested words (with them it is an ordinary footnote).
  const source = trackChanges ? given : { ...given, json: withoutSuggestedNotes(given.json) };
  const numbering = numberDocument(source.json);
  const comments: PlannedComment[] = [];
  const commentIdsByBlock = new Map<ProseMirrorJson, number[]>();

  if (threads.length) {
    const blocks = placeBlocks(source.json);
    const placement = placeThreads(blocks, threads);
    for (const thread of threads) {
      const index = placement.get(thread.id);
      // Threads whose passage is gone sit on the first block, saying what they were about.
      const block = blocks[index ?? 0];
      if (!block) continue;
      const commentIds = commentIdsByBlock.get(block.node) ?? [];
      const firstId = comments.length;
      comments.push({
        id: firstId,
        author: attributedName(thread.author),
        initials: thread.organisationCode,
        date: thread.createdAt,
        paragraphs: threadCommentParagraphs(thread, index === null),
      });
      commentIds.push(firstId);
      for (const reply of thread.comments.slice(1)) {
        const id = comments.length;
        comments.push({
          id,
          parentId: firstId,
          author: attributedName(reply.author),
          initials: reply.author.organisationCode,
          date: reply.createdAt,
          paragraphs: [[{ text: reply.isDeleted ? "(comment deleted)" : reply.body }]],
        });
        commentIds.push(id);
      }
      commentIdsByBlock.set(block.node, commentIds);
    }
  }

  return {
    json: source.json,
    title: source.title,
    subject: `${source.label} · SHA-256 ${source.digest}`,
    description: `Exported from Accord. SHA-256 of the canonical content: ${source.digest}`,
    articleHeadings: new Map([...numbering.articles].map(([node, article]) => [node, articleHeadingText(article, "")])),
    paragraphLabels: new Map([...numbering.paragraphs].map(([node, number]) => [node, paragraphLabel(number)])),
    noteNumbers: numbering.notes,
    comments,
    commentIdsByBlock,
    changes: suggestedChanges(source.json),
    trackChanges,
  };
}

function threadCommentParagraphs(thread: ExportThread, isDetached: boolean): PlainRun[][] {
  const first = thread.comments[0];
  const paragraphs: PlainRun[][] = [
    [{ text: `${KIND_LABEL[thread.kind]} · ${STATUS_LABEL[thread.status]}`, bold: true }],
    [{ text: first ? (first.isDeleted ? "(comment deleted)" : first.body) : "" }],
  ];
  if (thread.suggestedText !== null) paragraphs.push([{ text: "Proposed wording: ", italics: true }, { text: thread.suggestedText }]);
  if (isDetached) paragraphs.push([{ text: `The passage is no longer in this text; it read: “${thread.quote}”`, italics: true }]);
  const outcome = threadOutcome(thread);
  if (outcome) paragraphs.push([{ text: outcome, italics: true }]);
  return paragraphs;
}

/** The text nodes that are pending suggestions, each with its kind, author "Name (Economy)" and date. */
function suggestedChanges(doc: ProseMirrorJson): Map<ProseMirrorJson, PlannedChange> {
  const changes = new Map<ProseMirrorJson, PlannedChange>();
  const visit = (node: ProseMirrorJson) => {
    if (node.type === "text") {
      const inserted = node.marks?.find((mark) => mark.type === SUGGESTION_INSERT_MARK);
      const mark = inserted ?? node.marks?.find((candidate) => candidate.type === SUGGESTION_DELETE_MARK);
      const attributes = mark?.attrs ?? {};
      if (mark) changes.set(node, { isInsertion: mark === inserted, author: suggestionAuthor(attributes), date: suggestionDate(attributes) });
    }
    node.content?.forEach(visit);
  };
  visit(doc);
  return changes;
}

function suggestionAuthor(attributes: Record<string, unknown>): string {
  const name = typeof attributes.authorName === "string" ? attributes.authorName : "Unknown";
  const code = typeof attributes.organisationCode === "string" ? attributes.organisationCode : null;
  try {
    return code ? attributedName({ name, organisationCode: code }) : name;
  } catch {
    return `${name} (${code})`;
  }
}

function suggestionDate(attributes: Record<string, unknown>): string {
  const value = attributes.createdAt ?? attributes.date;
  const date = typeof value === "string" || typeof value === "number" ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : new Date(0).toISOString();
}
