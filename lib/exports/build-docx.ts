import {
  AlignmentType,
  BorderStyle,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  InsertedTextRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ICommentOptions,
  type IRunOptions,
  type ParagraphChild,
} from "docx";
import type { ProseMirrorJson } from "@/lib/documents/content";
import { articleHeadingText, numberDocument, paragraphLabel, type DocumentNumbering } from "@/lib/editor/numbering";
import { withoutSuggestedNotes } from "@/lib/editor/note-suggestion";
import type { ExportSource } from "@/lib/exports/export-source";
import { attributedName, placeBlocks, placeThreads, type ExportThread } from "@/lib/exports/export-threads";
import { KIND_LABEL, STATUS_LABEL, threadOutcome } from "@/lib/exports/labels";

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

const BULLETS = "accord-bullets";
const ORDERED = "accord-ordered";
// One tab stop at the hanging indent, where a numbered paragraph's text starts after "2.".
const NUMBER_INDENT = 567;

type Context = {
  numbering: DocumentNumbering;
  threadsByBlock: Map<ProseMirrorJson, { commentIds: number[] }>;
  trackChanges: boolean;
  nextChangeId: () => number;
  nextListInstance: () => number;
};

/** A Word document (.docx bytes) of a version or the live text, numbered exactly as the editor numbers it. */
export async function buildDocx({ source: given, threads = [], trackChanges = false }: DocxOptions): Promise<Buffer> {
  // Without tracked changes a note only suggested is left out, like suggested words (with them it is an ordinary footnote).
  const source = trackChanges ? given : { ...given, json: withoutSuggestedNotes(given.json) };
  const numbering = numberDocument(source.json);
  const comments: ICommentOptions[] = [];
  const threadsByBlock = new Map<ProseMirrorJson, { commentIds: number[] }>();

  if (threads.length) {
    const blocks = placeBlocks(source.json);
    const placement = placeThreads(blocks, threads);
    for (const thread of threads) {
      const index = placement.get(thread.id);
      // Threads whose passage is gone sit on the first block, saying what they were about.
      const block = blocks[index ?? 0];
      if (!block) continue;
      const entry = threadsByBlock.get(block.node) ?? { commentIds: [] };
      const firstId = comments.length;
      comments.push({
        id: firstId,
        author: attributedName(thread.author),
        initials: thread.organisationCode,
        date: thread.createdAt,
        children: threadCommentParagraphs(thread, index === null),
      });
      entry.commentIds.push(firstId);
      for (const reply of thread.comments.slice(1)) {
        const id = comments.length;
        comments.push({
          id,
          parentId: firstId,
          author: attributedName(reply.author),
          initials: reply.author.organisationCode,
          date: reply.createdAt,
          children: [new Paragraph(reply.isDeleted ? "(comment deleted)" : reply.body)],
        });
        entry.commentIds.push(id);
      }
      threadsByBlock.set(block.node, entry);
    }
  }

  let changeId = 0;
  let listInstance = 0;
  const context: Context = {
    numbering,
    threadsByBlock,
    trackChanges,
    nextChangeId: () => ++changeId,
    nextListInstance: () => ++listInstance,
  };
  const body = blockChildren(source.json.content ?? [], context, 0);

  const footnotes: Record<string, { children: Paragraph[] }> = {};
  for (const [note, number] of numbering.notes) {
    footnotes[String(number)] = { children: [new Paragraph(String(note.attrs?.text ?? ""))] };
  }

  const document = new Document({
    title: source.title,
    subject: `${source.label} · SHA-256 ${source.digest}`,
    creator: "Accord",
    description: `Exported from Accord. SHA-256 of the canonical content: ${source.digest}`,
    styles: {
      default: { document: { run: { font: "Times New Roman", size: 24 }, paragraph: { spacing: { after: 120 } } } },
      paragraphStyles: [{ id: "Heading2", name: "Heading 2", basedOn: "Normal", next: "Normal", quickFormat: true, run: { bold: true, size: 24 }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 360, after: 120 } } }],
    },
    numbering: {
      config: [
        { reference: BULLETS, levels: [0, 1, 2, 3].map((level) => ({ level, format: LevelFormat.BULLET, text: ["•", "◦", "▪", "•"][level]!, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } })) },
        { reference: ORDERED, levels: [0, 1, 2, 3].map((level) => ({ level, format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN, LevelFormat.DECIMAL][level]!, text: `%${level + 1}.`, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } })) },
      ],
    },
    comments: { children: comments },
    footnotes,
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: source.title, size: 18, color: "555555" })] })] }) },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({ children: [new TextRun({ text: `${source.label} · SHA-256 ${source.digest}`, size: 16, color: "555555" })] }),
              new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES], size: 16, color: "555555" })] }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}

function threadCommentParagraphs(thread: ExportThread, isDetached: boolean): Paragraph[] {
  const first = thread.comments[0];
  const paragraphs = [
    new Paragraph({ children: [new TextRun({ text: `${KIND_LABEL[thread.kind]} · ${STATUS_LABEL[thread.status]}`, bold: true })] }),
    new Paragraph(first ? (first.isDeleted ? "(comment deleted)" : first.body) : ""),
  ];
  if (thread.suggestedText !== null) paragraphs.push(new Paragraph({ children: [new TextRun({ text: "Proposed wording: ", italics: true }), new TextRun(thread.suggestedText)] }));
  if (isDetached) paragraphs.push(new Paragraph({ children: [new TextRun({ text: `The passage is no longer in this text; it read: “${thread.quote}”`, italics: true })] }));
  const outcome = threadOutcome(thread);
  if (outcome) paragraphs.push(new Paragraph({ children: [new TextRun({ text: outcome, italics: true })] }));
  return paragraphs;
}

function blockChildren(nodes: ProseMirrorJson[], context: Context, quoteDepth: number): FileChild[] {
  return nodes.flatMap((node) => block(node, context, quoteDepth));
}

function block(node: ProseMirrorJson, context: Context, quoteDepth: number): FileChild[] {
  const indent = quoteDepth ? { left: 567 * quoteDepth } : undefined;
  switch (node.type) {
    case "heading": {
      const level = Number(node.attrs?.level ?? 1);
      const article = context.numbering.articles.get(node);
      const heading = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
      const runs = article === undefined ? inline(node, context) : [new TextRun({ text: articleHeadingText(article, "").concat(hasText(node) ? " — " : "") }), ...inline(node, context)];
      return [new Paragraph({ heading, alignment: level <= 2 ? AlignmentType.CENTER : undefined, indent, children: withComments(node, runs, context) })];
    }
    case "paragraph": {
      const number = context.numbering.paragraphs.get(node);
      if (number === undefined) return [new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent, children: withComments(node, inline(node, context), context) })];
      return [
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { left: (indent?.left ?? 0) + NUMBER_INDENT, hanging: NUMBER_INDENT },
          tabStops: [{ type: "left", position: (indent?.left ?? 0) + NUMBER_INDENT }],
          children: withComments(node, [new TextRun(`${paragraphLabel(number)}\t`), ...inline(node, context)], context),
        }),
      ];
    }
    case "bulletList":
    case "orderedList":
      return list(node, context, 0, quoteDepth);
    case "blockquote":
      return blockChildren(node.content ?? [], context, quoteDepth + 1);
    case "horizontalRule":
      return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "999999", space: 1 } }, children: [] })];
    case "table":
      return [table(node, context)];
    default:
      return blockChildren(node.content ?? [], context, quoteDepth);
  }
}

function list(node: ProseMirrorJson, context: Context, level: number, quoteDepth: number): FileChild[] {
  const reference = node.type === "orderedList" ? ORDERED : BULLETS;
  // Each ordered list starts again at 1, as in the editor.
  const instance = context.nextListInstance();
  return (node.content ?? []).flatMap((item) =>
    (item.content ?? []).flatMap((child, index): FileChild[] => {
      if (child.type === "bulletList" || child.type === "orderedList") return list(child, context, Math.min(level + 1, 3), quoteDepth);
      if (child.type === "paragraph" && index === 0) {
        return [new Paragraph({ numbering: { reference, level, instance }, children: withComments(child, inline(child, context), context) })];
      }
      return block(child, context, quoteDepth + level + 1);
    }),
  );
}

function table(node: ProseMirrorJson, context: Context): Table {
  const rows = node.content ?? [];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (row) =>
        new TableRow({
          tableHeader: (row.content ?? []).every((cell) => cell.type === "tableHeader"),
          children: (row.content ?? []).map((cell) => {
            const isHeader = cell.type === "tableHeader";
            const content = blockChildren(cell.content ?? [], context, 0).filter((child): child is Paragraph | Table => child instanceof Paragraph || child instanceof Table);
            return new TableCell({
              columnSpan: Number(cell.attrs?.colspan ?? 1),
              rowSpan: Number(cell.attrs?.rowspan ?? 1),
              shading: isHeader ? { fill: "EEEEEE" } : undefined,
              children: content.length ? content : [new Paragraph("")],
            });
          }),
        }),
    ),
  });
}

function hasText(node: ProseMirrorJson): boolean {
  return (node.content ?? []).some((child) => (child.type === "text" && child.text?.trim()) || child.type === "note");
}

/** Word comments anchored on a whole block: Word needs a range start, the block's runs, the range end and a reference. */
function withComments(node: ProseMirrorJson, runs: ParagraphChild[], context: Context): ParagraphChild[] {
  const entry = context.threadsByBlock.get(node);
  if (!entry) return runs;
  return [
    ...entry.commentIds.map((id) => new CommentRangeStart(id)),
    ...runs,
    ...entry.commentIds.flatMap((id) => [new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })]),
  ];
}

function inline(node: ProseMirrorJson, context: Context): ParagraphChild[] {
  return (node.content ?? []).flatMap((child): ParagraphChild[] => {
    if (child.type === "hardBreak") return [new TextRun({ break: 1 })];
    if (child.type === "note") {
      const number = context.numbering.notes.get(child);
      return number === undefined ? [] : [new FootnoteReferenceRun(number)];
    }
    if (child.type !== "text" || !child.text) return [];
    return [textRun(child, context)].filter((run): run is ParagraphChild => run !== null);
  });
}

function textRun(node: ProseMirrorJson, context: Context): ParagraphChild | null {
  const marks = new Map((node.marks ?? []).map((mark) => [mark.type, mark.attrs ?? {}]));
  const link = marks.get("link");
  const options: IRunOptions = {
    text: node.text,
    bold: marks.has("bold") || undefined,
    italics: marks.has("italic") || undefined,
    underline: marks.has("underline") || link ? {} : undefined,
    strike: marks.has("strike") || undefined,
    color: link ? "0B5F6B" : undefined,
  };
  const inserted = marks.get(SUGGESTION_INSERT_MARK);
  const deleted = marks.get(SUGGESTION_DELETE_MARK);
  let run: ParagraphChild;
  if (inserted || deleted) {
    // Without tracked changes the text stands as it is without the pending suggestions: proposed words out, proposed deletions kept.
    if (!context.trackChanges) {
      if (inserted) return null;
      run = new TextRun(options);
    } else {
      const attributes = (inserted ?? deleted)!;
      const change = { id: context.nextChangeId(), author: suggestionAuthor(attributes), date: suggestionDate(attributes) };
      run = inserted ? new InsertedTextRun({ ...options, ...change }) : new DeletedTextRun({ ...options, ...change });
    }
  } else {
    run = new TextRun(options);
  }
  if (link && typeof link.href === "string") return new ExternalHyperlink({ link: link.href, children: [run] });
  return run;
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
