import type { ProseMirrorJson } from "@/lib/documents/content";
import { articleHeadingText, numberDocument, paragraphLabel } from "@/lib/editor/numbering";
import { withoutSuggestedNotes } from "@/lib/editor/note-suggestion";
import { withoutSuggestedTables } from "@/lib/editor/table-suggestion";
import type { ExportSource } from "@/lib/exports/export-source";
import { attributedName, placeBlocks, placeThreads, type ExportThread } from "@/lib/exports/export-threads";
import { KIND_LABEL, STATUS_LABEL, threadOutcome } from "@/lib/exports/labels";
import { renderDocx } from "@/lib/exports/render-docx";
import { findTrackedChanges } from "@/lib/exports/tracked-changes";
import type { DocxPlan, PlainRun, PlannedComment } from "@/lib/exports/write-docx.mts";

export type DocxOptions = {
  source: ExportSource;
  /** Word comments for these threads ("with comments"); none for a clean export. */
  threads?: ExportThread[];
  /** Open suggestions as Word tracked changes; otherwise the text as it stands without them. */
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
  // Without tracked changes a note, table or row only suggested is left out, like suggested words (with them it is a tracked insertion).
  const source = trackChanges ? given : { ...given, json: withoutSuggestedTables(withoutSuggestedNotes(given.json)) };
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
    textNote: trackChanges ? trackedChangesNote(source) : null,
    description: `Exported from Accord. SHA-256 of the canonical content: ${source.digest}`,
    articleHeadings: new Map([...numbering.articles].map(([node, article]) => [node, articleHeadingText(article, "")])),
    paragraphLabels: new Map([...numbering.paragraphs].map(([node, number]) => [node, paragraphLabel(number)])),
    noteNumbers: numbering.notes,
    comments,
    commentIdsByBlock,
    ...findTrackedChanges(source.json, { withTrackedChanges: trackChanges }),
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

/**
 * The footer's word on what the tracked changes are, since its digest is always the clean text's (what
 * was signed off): a version saved before Accord kept its open suggestions has none to show.
 */
function trackedChangesNote(source: ExportSource): string {
  if (source.isSavedWithoutSuggestions) return "This version was saved before Accord kept open suggestions: it has no tracked changes to show.";
  return "Tracked changes: the open suggestions; the SHA-256 is of the text without them.";
}
