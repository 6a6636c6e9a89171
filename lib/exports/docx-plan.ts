import type { ProseMirrorJson } from "@/lib/documents/content";
import { articleHeadingText, numberDocument, paragraphLabel } from "@/lib/editor/numbering";
import { withoutSuggestedNotes } from "@/lib/editor/note-suggestion";
import { withoutSuggestedTables } from "@/lib/editor/table-suggestion";
import { attributedName, placeBlocks, placeThreads, type ExportThread } from "@/lib/exports/place-threads";
import { KIND_LABEL, STATUS_LABEL, threadOutcome } from "@/lib/exports/labels";
import type { ReadSource } from "@/lib/exports/read-source";
import { findTrackedChanges } from "@/lib/exports/tracked-changes";
import type { DocxPlan, PlainRun, PlannedComment } from "@/lib/exports/write-docx.mts";

export type DocxOptions = {
  source: ReadSource;
  /** Word comments for these threads ("with comments"); none for a clean export. */
  threads?: ExportThread[];
  /** Open suggestions as Word tracked changes; otherwise the text as it stands without them. */
  trackChanges?: boolean;
};

/**
 * Everything the Word file of a version or the live text holds, numbered exactly as the editor
 * numbers it: the comments and the suggestions' authors placed, ready for lib/exports/write-docx.mts.
 * Worked out in the export worker, with the text read there.
 */
export function docxPlan({ source: given, threads = [], trackChanges = false }: DocxOptions): DocxPlan {
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
function trackedChangesNote(source: ReadSource): string {
  if (source.isSavedWithoutSuggestions) return "This version was saved before Accord kept open suggestions: it has no tracked changes to show.";
  return "Tracked changes: the open suggestions; the SHA-256 is of the text without them.";
}
