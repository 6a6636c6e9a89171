// Runs in the Word-export worker (lib/exports/docx-export-worker.mjs): building the `docx`
// package's object tree and zipping it holds a thread for about 0.1 s per 100 pages, which on the
// main thread would stall every collaborator's edits meanwhile. Node may load this file without a
// bundler (tests, benchmarks), so it is TypeScript that Node's type stripping runs as it is
// (erasable syntax only, type-only imports from the rest of the app) and imports nothing but
// `docx` at run time. Everything that needs the app (numbering, placing threads, labels, names) is
// worked out on the main thread into a plan of plain data (lib/exports/build-docx.ts).
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
  FootnoteReference,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  InsertedTextRun,
  LevelFormat,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  UnderlineType,
  WidthType,
  type FileChild,
  type IParagraphPropertiesOptionsBase,
  type IRunOptions,
  type ParagraphChild,
} from "docx";
import type { ProseMirrorJson } from "@/lib/documents/content";
import type { BlockForm } from "@/lib/editor/block-suggestion";
import type { SuggestedFormat } from "@/lib/editor/suggestion-marks";

/** A run of text with the little formatting comments and tables use. */
export type PlainRun = { text: string; bold?: boolean; italics?: boolean };

/** One Word comment: a thread's first comment, or a reply (with its parent's id). */
export type PlannedComment = { id: number; parentId?: number; author: string; initials: string; date: Date; paragraphs: PlainRun[][] };

/** Who made a tracked change ("Name (Economy)") and when (ISO 8601). */
export type PlannedAttribution = { author: string; date: string };

/** Suggested words or a suggested note, as a Word insertion or deletion. */
export type PlannedChange = PlannedAttribution & { isInsertion: boolean };

/** New wording proposed for a note: in its footnote, the wording as it stands deleted and `text` inserted. */
export type PlannedNoteRewording = PlannedAttribution & { text: string };

/** Suggested bold, italic, underline or link on a text node (`href`: the proposed address when a link is added). */
export type PlannedFormatChange = PlannedAttribution & { add: SuggestedFormat[]; remove: SuggestedFormat[]; href: string };

/** A suggested style or list change of a paragraph, as a Word paragraph property change: the parts of its form accepting changes. */
export type PlannedFormChange = PlannedAttribution & { changes: Partial<BlockForm> };

/**
 * A document's .docx as plain data. The maps are keyed by nodes of `json`: postMessage clones the
 * whole message as one graph, so in the worker their keys are the very objects of the cloned
 * `json`, and the writer looks each node up as it reaches it.
 */
export type DocxPlan = {
  json: ProseMirrorJson;
  title: string;
  /** The version's label and digest: the file's subject and the footer's first line. */
  subject: string;
  description: string;
  /** "Article 5" for each article heading, "3." for each numbered paragraph, the number of each note. */
  articleHeadings: Map<ProseMirrorJson, string>;
  paragraphLabels: Map<ProseMirrorJson, string>;
  noteNumbers: Map<ProseMirrorJson, number>;
  comments: PlannedComment[];
  /** The comments anchored on each block (a thread sits on one block). */
  commentIdsByBlock: Map<ProseMirrorJson, number[]>;
  /** A line under the footer's subject saying what the tracked changes are; none without them. */
  textNote: string | null;
  /** Text nodes and notes that are open suggestions of words or notes. */
  changes: Map<ProseMirrorJson, PlannedChange>;
  /**
   * Text nodes with suggested formatting, paragraphs with a suggested form, paragraphs whose mark a
   * join or their table row would remove or add, table rows suggested in or out (tracked changes only).
   */
  formatChanges: Map<ProseMirrorJson, PlannedFormatChange>;
  formChanges: Map<ProseMirrorJson, PlannedFormChange>;
  paragraphMarkChanges: Map<ProseMirrorJson, PlannedChange>;
  rowChanges: Map<ProseMirrorJson, PlannedChange>;
  /** Notes with new wording proposed (tracked changes only). */
  noteRewordings: Map<ProseMirrorJson, PlannedNoteRewording>;
  /** Whether suggestions are written as tracked changes; without, the text stands as it is without them. */
  trackChanges: boolean;
};

/** The comment-resolution table's .docx as plain data: rows of cell texts, grouped by article. */
export type ResolutionDocxPlan = {
  title: string;
  subject: string;
  /** The line under the title: version, digest, number of items. */
  summary: string;
  columns: string[];
  articles: { article: string; rows: string[][] }[];
  /** Printed after the tables (the Kosovo* designation). */
  closingNote: string;
};

const BULLETS = "accord-bullets";
const ORDERED = "accord-ordered";
// One tab stop at the hanging indent, where a numbered paragraph's text starts after "2.".
const NUMBER_INDENT = 567;

type Context = DocxPlan & { nextChangeId: () => number; nextListInstance: () => number };

/** Writes a document's Word file from its plan. */
export async function writeDocx(plan: DocxPlan): Promise<Buffer> {
  let changeId = 0;
  let listInstance = 0;
  const context: Context = { ...plan, nextChangeId: () => ++changeId, nextListInstance: () => ++listInstance };
  const body = blockChildren(plan.json.content ?? [], context, 0);

  const footnotes: Record<string, { children: Paragraph[] }> = {};
  for (const [note, number] of plan.noteNumbers) {
    const text = String(note.attrs?.text ?? "");
    // A suggested note's wording is inserted or deleted with it, as Word tracks a footnote added or removed.
    const change = plan.trackChanges ? plan.changes.get(note) : undefined;
    const rewording = plan.trackChanges ? plan.noteRewordings.get(note) : undefined;
    const runs = rewording
      ? [trackedRun({ text }, { ...rewording, isInsertion: false }, context), trackedRun({ text: rewording.text }, { ...rewording, isInsertion: true }, context)]
      : [change ? trackedRun({ text }, change, context) : new TextRun(text)];
    footnotes[String(number)] = { children: [new Paragraph({ children: runs })] };
  }

  const document = new Document({
    title: plan.title,
    subject: plan.subject,
    creator: "Accord",
    description: plan.description,
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
    comments: {
      children: plan.comments.map((comment) => ({
        id: comment.id,
        parentId: comment.parentId,
        author: comment.author,
        initials: comment.initials,
        date: comment.date,
        children: comment.paragraphs.map((runs) => new Paragraph({ children: runs.map((run) => new TextRun(run)) })),
      })),
    },
    footnotes,
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: plan.title, size: 18, color: "555555" })] })] }) },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({ children: [new TextRun({ text: plan.subject, size: 16, color: "555555" })] }),
              ...(plan.textNote ? [new Paragraph({ children: [new TextRun({ text: plan.textNote, size: 16, color: "555555" })] })] : []),
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

/** Writes the comment-resolution table as a landscape Word document, one table per article. */
export async function writeResolutionDocx(plan: ResolutionDocxPlan): Promise<Buffer> {
  const paragraphsOf = (value: string, bold = false) => (value ? value.split("\n") : [""]).map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, size: 18 })] }));
  const header = new TableRow({
    tableHeader: true,
    children: plan.columns.map((column) => new TableCell({ shading: { fill: "EEEEEE" }, children: paragraphsOf(column, true) })),
  });
  const rowCount = plan.articles.reduce((count, article) => count + article.rows.length, 0);
  const children = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(plan.title)] }),
    new Paragraph({ children: [new TextRun({ text: plan.summary, size: 18 })] }),
    ...(rowCount === 0 ? [new Paragraph("No comments or suggestions on this text.")] : []),
    ...plan.articles.flatMap(({ article, rows }) => [
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(article)] }),
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [header, ...rows.map((cells) => new TableRow({ children: cells.map((cell) => new TableCell({ children: paragraphsOf(cell) })) }))],
      }),
    ]),
    new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun({ text: plan.closingNote, size: 16, italics: true })] }),
  ];
  const document = new Document({
    title: plan.title,
    subject: plan.subject,
    creator: "Accord",
    styles: { default: { document: { run: { font: "Times New Roman", size: 20 } } } },
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }],
  });
  return Packer.toBuffer(document);
}

function blockChildren(nodes: ProseMirrorJson[], context: Context, quoteDepth: number): FileChild[] {
  return nodes.flatMap((node) => block(node, context, quoteDepth));
}

function block(node: ProseMirrorJson, context: Context, quoteDepth: number): FileChild[] {
  switch (node.type) {
    case "heading":
    case "paragraph":
      return [textblock(node, context, { indentLeft: 567 * quoteDepth, list: null })];
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
  const listType = node.type === "orderedList" ? "orderedList" : "bulletList";
  return (node.content ?? []).flatMap((item) =>
    (item.content ?? []).flatMap((child, index): FileChild[] => {
      if (child.type === "bulletList" || child.type === "orderedList") return list(child, context, Math.min(level + 1, 3), quoteDepth);
      if (child.type === "paragraph" && index === 0) {
        return [textblock(child, context, { indentLeft: 567 * quoteDepth, list: { type: listType, numbering: { reference, level, instance } } })];
      }
      return block(child, context, quoteDepth + level + 1);
    }),
  );
}

/** Where a paragraph sits: its indent inside quotes, and the list whose item it starts, if any. */
type Place = { indentLeft: number; list: { type: NonNullable<BlockForm["list"]>; numbering: { reference: string; level: number; instance: number } } | null };

/**
 * A paragraph or heading. With a suggested style or list change it takes the proposed form, and
 * Word keeps its form as it stands as the earlier formatting (`w:pPrChange`), so rejecting the
 * change in Word restores it, as accepting applies it. "Article 5 — " and "3." are Accord's numbers
 * written as text: a change that ends them deletes them; one that starts them adds none, since the
 * number is only known once the text is changed. A join deletes the paragraph mark before the joined
 * paragraph; a paragraph in a suggested table row has its mark inserted or deleted with the row, as Word writes it.
 */
function textblock(node: ProseMirrorJson, context: Context, place: Place): Paragraph {
  const formChange = context.formChanges.get(node);
  const current = formOf(node, place);
  const proposed = formChange ? { ...current, ...formChange.changes } : null;
  const shown = formProperties(proposed ?? current, place, context);
  const revision = formChange ? { id: context.nextChangeId(), author: formChange.author, date: formChange.date, ...formProperties(current, place, context) } : undefined;

  const article = context.articleHeadings.get(node);
  const paragraphLabel = place.list ? undefined : context.paragraphLabels.get(node);
  const labelText = article !== undefined ? article.concat(hasText(node) ? " — " : "") : paragraphLabel !== undefined ? `${paragraphLabel}\t` : null;
  const isLabelEnded = proposed !== null && (article !== undefined ? !isArticle(proposed) : !proposed.numbered || proposed.list !== null);
  const label = labelText === null ? [] : [formChange && isLabelEnded ? trackedRun({ text: labelText }, { ...formChange, isInsertion: false }, context) : new TextRun({ text: labelText })];

  const markChange = context.paragraphMarkChanges.get(node);
  const markAttribution = markChange ? { id: context.nextChangeId(), author: markChange.author, date: markChange.date } : null;
  return new Paragraph({
    ...shown,
    revision,
    run: markAttribution ? (markChange?.isInsertion ? { insertion: markAttribution } : { deletion: markAttribution }) : undefined,
    children: withComments(node, [...label, ...inline(node, context)], context),
  });
}

function formOf(node: ProseMirrorJson, place: Place): BlockForm {
  const isHeading = node.type === "heading";
  return {
    type: isHeading ? "heading" : "paragraph",
    level: isHeading ? Number(node.attrs?.level ?? 1) : null,
    article: isHeading && Boolean(node.attrs?.article),
    numbered: !isHeading && Boolean(node.attrs?.numbered),
    list: place.list?.type ?? null,
  };
}

function isArticle(form: BlockForm): boolean {
  return form.type === "heading" && form.level === 2 && form.article;
}

/** A form's paragraph properties where the paragraph sits: a list item's numbering, a heading's style, a numbered paragraph's hanging indent. */
function formProperties(form: BlockForm, place: Place, context: Context): IParagraphPropertiesOptionsBase {
  if (form.list) {
    const numbering =
      place.list?.type === form.list
        ? place.list.numbering
        : { reference: form.list === "orderedList" ? ORDERED : BULLETS, level: place.list?.numbering.level ?? 0, instance: context.nextListInstance() };
    return { numbering };
  }
  const indent = place.indentLeft ? { left: place.indentLeft } : undefined;
  if (form.type === "heading") {
    const level = form.level ?? 1;
    const heading = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
    return { heading, alignment: level <= 2 ? AlignmentType.CENTER : undefined, indent };
  }
  if (form.numbered) {
    return {
      alignment: AlignmentType.JUSTIFIED,
      indent: { left: place.indentLeft + NUMBER_INDENT, hanging: NUMBER_INDENT },
      tabStops: [{ type: "left", position: place.indentLeft + NUMBER_INDENT }],
    };
  }
  return { alignment: AlignmentType.JUSTIFIED, indent };
}

function table(node: ProseMirrorJson, context: Context): Table {
  const rows = node.content ?? [];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map((row) => {
      // A suggested row: Word's inserted or deleted row (`w:trPr/w:ins`, `w:trPr/w:del`); its words and paragraph marks go with it.
      const change = context.rowChanges.get(row);
      const attribution = change ? { id: context.nextChangeId(), author: change.author, date: change.date } : undefined;
      return new TableRow({
        tableHeader: (row.content ?? []).every((cell) => cell.type === "tableHeader"),
        insertion: change?.isInsertion ? attribution : undefined,
        deletion: change && !change.isInsertion ? attribution : undefined,
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
      });
    }),
  });
}

function hasText(node: ProseMirrorJson): boolean {
  return (node.content ?? []).some((child) => (child.type === "text" && child.text?.trim()) || child.type === "note");
}

/** Word comments anchored on a whole block: Word needs a range start, the block's runs, the range end and a reference. */
function withComments(node: ProseMirrorJson, runs: ParagraphChild[], context: Context): ParagraphChild[] {
  const commentIds = context.commentIdsByBlock.get(node);
  if (!commentIds) return runs;
  return [
    ...commentIds.map((id) => new CommentRangeStart(id)),
    ...runs,
    ...commentIds.flatMap((id) => [new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })]),
  ];
}

function inline(node: ProseMirrorJson, context: Context): ParagraphChild[] {
  return (node.content ?? []).flatMap((child): ParagraphChild[] => {
    if (child.type === "hardBreak") return [new TextRun({ break: 1 })];
    if (child.type === "note") {
      const number = context.noteNumbers.get(child);
      if (number === undefined) return [];
      const change = context.trackChanges ? context.changes.get(child) : undefined;
      // A suggested note: its reference inside the insertion or deletion, so accepting or rejecting it in Word adds or removes the footnote.
      return change ? [trackedRun({ style: "FootnoteReference", children: [new FootnoteReference(number)] }, change, context)] : [new FootnoteReferenceRun(number)];
    }
    if (child.type !== "text" || !child.text) return [];
    return textRuns(child, context);
  });
}

function textRuns(node: ProseMirrorJson, context: Context): ParagraphChild[] {
  const marks = new Map((node.marks ?? []).map((mark) => [mark.type, mark.attrs ?? {}]));
  const href = typeof marks.get("link")?.href === "string" ? String(marks.get("link")?.href) : null;
  const formats = new Set<SuggestedFormat>((["bold", "italic", "underline"] as const).filter((name) => marks.has(name)));
  const formatting = (shown: Set<SuggestedFormat>, isLinked: boolean): IRunOptions => ({
    bold: shown.has("bold") || undefined,
    italics: shown.has("italic") || undefined,
    underline: shown.has("underline") || isLinked ? {} : undefined,
    strike: marks.has("strike") || undefined,
    color: isLinked ? "0B5F6B" : undefined,
  });
  const linked = (run: ParagraphChild, address: string | null): ParagraphChild => (address === null ? run : new ExternalHyperlink({ link: address, children: [run] }));
  const formatChange = context.formatChanges.get(node);
  const change = context.changes.get(node);
  const proposedFormats = formatChange ? new Set([...formats, ...formatChange.add].filter((name) => !formatChange.remove.includes(name))) : formats;

  if (formatChange && !change && (formatChange.add.includes("link") || formatChange.remove.includes("link"))) {
    // A suggested link. Word has no revision of a hyperlink or its address (`w:hyperlink` takes no
    // change attributes, and `w:rPrChange` holds run properties only), so the words are written
    // twice in the suggester's name: deleted as they stand (inside their link, if any) and inserted
    // with the proposed link and formatting, as LibreOffice writes a tracked link and Word a tracked
    // link text. Accepting in Word leaves the proposed link, rejecting the words as they stand.
    const proposedHref = formatChange.add.includes("link") ? formatChange.href : null;
    const attribution = { author: formatChange.author, date: formatChange.date };
    return [
      linked(trackedRun({ text: node.text, ...formatting(formats, href !== null) }, { ...attribution, isInsertion: false }, context), href),
      linked(trackedRun({ text: node.text, ...formatting(proposedFormats, proposedHref !== null) }, { ...attribution, isInsertion: true }, context), proposedHref),
    ];
  }

  // Suggested formatting: the run takes it, and Word keeps the formatting as it stands as the run's earlier properties (w:rPrChange).
  const options: IRunOptions = formatChange
    ? {
        text: node.text,
        ...formatting(proposedFormats, href !== null),
        revision: { id: context.nextChangeId(), author: formatChange.author, date: formatChange.date, ...formatting(formats, href !== null), ...explicitlyWithout(formatChange.add.filter((name) => !formats.has(name))) },
      }
    : { text: node.text, ...formatting(formats, href !== null) };
  if (!change) return [linked(new TextRun(options), href)];
  // Without tracked changes the text stands as it is without the pending suggestions: proposed words out, proposed deletions kept.
  if (!context.trackChanges) return change.isInsertion ? [] : [linked(new TextRun(options), href)];
  return [linked(trackedRun(options, change, context), href)];
}

/**
 * "Not bold" said outright in a run's earlier properties. Word requires the properties inside
 * `w:rPrChange` (CT_RPrChange: `w:rPr` minOccurs 1), but the docx package leaves out empty run
 * properties, so text that had no formatting before would get a change with nothing in it; naming
 * the formats the suggestion adds as off keeps it there and means the same.
 */
function explicitlyWithout(added: SuggestedFormat[]): IRunOptions {
  return {
    ...(added.includes("bold") ? { bold: false } : {}),
    ...(added.includes("italic") ? { italics: false } : {}),
    ...(added.includes("underline") ? { underline: { type: UnderlineType.NONE } } : {}),
  };
}

/** A run inside a Word insertion (`w:ins`) or deletion (`w:del`) in the suggestion's author's name. */
function trackedRun(options: IRunOptions, change: PlannedChange, context: Context): ParagraphChild {
  const attribution = { id: context.nextChangeId(), author: change.author, date: change.date };
  return change.isInsertion ? new InsertedTextRun({ ...options, ...attribution }) : new DeletedTextRun({ ...options, ...attribution });
}
