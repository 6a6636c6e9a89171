import type { ProseMirrorJson } from "@/lib/documents/content";
import { articleLabel, numberDocument, paragraphLabel, type DocumentNumbering } from "@/lib/editor/numbering";
import { SUGGESTION_INSERT } from "@/lib/editor/suggestion-marks";
import { withoutSuggestedNotes } from "@/lib/editor/note-suggestion";
import { withoutSuggestedTables } from "@/lib/editor/table-suggestion";
import type { ReadSource } from "@/lib/exports/read-source";
import { getOrganisation } from "@/lib/organisations/catalogue";
import { POSITION_LABEL } from "@/lib/signoff/positions";
import type { MatrixRound } from "@/lib/signoff/find-matrix";

type Content = Record<string, unknown> | string;

/** Standard structure types of a tagged PDF (ISO 32000-1 §14.8.4) that the export uses. */
type StructureType = "H1" | "H2" | "H3" | "P" | "BlockQuote" | "L" | "LI" | "Lbl" | "LBody" | "Table" | "TR" | "TH" | "TD" | "Note";
/**
 * A structure element of the tagged PDF, carried on a definition node as `pdfTag`: the worker
 * (lib/exports/pdf-worker.mjs) puts every line laid out within the node into this element, nested
 * in the elements of the tagged nodes around it. `within` is a parent no node stands for (a table
 * row, a list item's LI around its Lbl and LBody).
 */
export type PdfTag = { key: string; type: StructureType; within?: PdfTag };

/** What the block builders share: the editor's numbering and a maker of structure tags unique in the document. */
type Context = { numbering: DocumentNumbering; tag: (type: StructureType, within?: PdfTag) => PdfTag };

const INK = "#1b1f24";
const MUTED = "#555555";
const PRIMARY = "#0b5f6b";

export type PdfAnnex = {
  /** The sign-off rounds opened on this version, oldest first. */
  rounds: MatrixRound[];
  economies: string[];
  /** Hash of the newest audit event when the PDF was made, and that event's time. */
  /** "<entry count>:<hash>" of the audit chain when exported (lib/audit/chain-head.ts). */
  auditHead: { anchor: string; at: Date } | null;
  /** Absolute URL of the version's verification page. */
  verifyUrl: string | null;
};

/** A pdfmake document definition: plain data, laid out by lib/exports/pdf-worker.mjs. */
export type PdfDefinition = Record<string, unknown>;

/**
 * The pdfmake definition of a signable PDF of a version (or the live text): the text typeset like
 * the editor, its notes, and a sign-off annex. Built in the PDF worker, with the text read there.
 */
export function pdfDefinition({ source: given, annex }: { source: ReadSource; annex: PdfAnnex }): PdfDefinition {
  // The signable text is the text as it stands: a note, table or row only suggested is not part of it (nor of the note numbers).
  const source = { ...given, json: withoutSuggestedTables(withoutSuggestedNotes(given.json)) };
  const numbering = numberDocument(source.json);
  let tags = 0;
  const context: Context = { numbering, tag: (type, within) => ({ key: `s${++tags}`, type, ...(within ? { within } : {}) }) };
  const body = blocks(source.json.content ?? [], context);
  const notes = [...numbering.notes.entries()];
  const content: Content[] = [
    ...body,
    ...(notes.length
      ? [
          { text: "Notes", style: "notesHeading", pdfTag: context.tag("H2") },
          ...notes.map(([note, number]) => ({
            columns: [{ text: `${number}`, width: 22, style: "noteNumber" }, { text: String(note.attrs?.text ?? ""), width: "*" }],
            columnGap: 4,
            style: "note",
            pdfTag: context.tag("Note"),
          })),
        ]
      : []),
    ...annexContent(source, annex, context),
  ];
  return {
    info: {
      title: source.title,
      subject: `${source.label} · SHA-256 ${source.digest}`,
      author: "RCC Working Group on interoperability and trust services",
      creator: "Accord",
      producer: "Accord (pdfmake)",
      keywords: source.digest,
    },
    // Tagged (structure tree, language, title shown by viewers) for screen readers and reflow; see pdf-worker.mjs.
    tagged: true,
    displayTitle: true,
    version: "1.7",
    language: "en",
    pageSize: "A4",
    pageMargins: [56, 56, 56, 64],
    defaultStyle: { font: "DejaVuSerif", fontSize: 10.5, lineHeight: 1.3, color: INK },
    styles: {
      title: { fontSize: 15, bold: true, alignment: "center", margin: [0, 0, 0, 14] },
      heading2: { fontSize: 11.5, bold: true, alignment: "center", margin: [0, 14, 0, 6] },
      heading3: { fontSize: 10.5, italics: true, bold: true, margin: [0, 10, 0, 4] },
      paragraph: { alignment: "justify", margin: [0, 0, 0, 7] },
      notesHeading: { font: "DejaVuSans", fontSize: 8, color: MUTED, characterSpacing: 0.6, margin: [0, 18, 0, 6] },
      note: { fontSize: 9, margin: [0, 0, 0, 3] },
      noteNumber: { font: "DejaVuSans", bold: true, color: PRIMARY, fontSize: 8, alignment: "right" },
      annexTitle: { font: "DejaVuSans", fontSize: 14, bold: true, margin: [0, 0, 0, 4] },
      annexHeading: { font: "DejaVuSans", fontSize: 11, bold: true, margin: [0, 14, 0, 6] },
      annexText: { font: "DejaVuSans", fontSize: 8.5, margin: [0, 0, 0, 4] },
      annexTable: { font: "DejaVuSans", fontSize: 8 },
      mono: { font: "DejaVuSans", fontSize: 7.5 },
      command: { font: "DejaVuSans", fontSize: 7, margin: [0, 0, 0, 6] },
    },
    content,
  };
}

function blocks(nodes: ProseMirrorJson[], context: Context, depth = 0): Content[] {
  return nodes.flatMap((node) => block(node, context, depth));
}

const BULLETS = ["•", "◦", "▪"];

function block(node: ProseMirrorJson, context: Context, depth: number): Content[] {
  const { numbering, tag } = context;
  switch (node.type) {
    case "heading": {
      const level = Number(node.attrs?.level ?? 1);
      const article = numbering.articles.get(node);
      const text = inline(node, numbering);
      if (article !== undefined) {
        // As in the editor: "Article 3" on its own line above the article's title.
        return [{ stack: [{ text: articleLabel(article) }, ...(text.length ? [{ text }] : [])], style: "heading2", headlineLevel: 2, pdfTag: tag("H2") }];
      }
      return [{ text, style: level === 1 ? "title" : level === 2 ? "heading2" : "heading3", pdfTag: tag(level === 1 ? "H1" : level === 2 ? "H2" : "H3") }];
    }
    case "paragraph": {
      const text = inline(node, numbering);
      const number = numbering.paragraphs.get(node);
      if (number === undefined) return [{ text: text.length ? text : " ", style: "paragraph", pdfTag: tag("P") }];
      return [{ columns: [{ text: paragraphLabel(number), width: 26 }, { text, width: "*", alignment: "justify" }], columnGap: 0, style: "paragraph", pdfTag: tag("P") }];
    }
    case "bulletList":
    case "orderedList": {
      // Each item's bullet or number is its label (Lbl) beside its body (LBody), so both are read out.
      const start = Number(node.attrs?.start ?? 1);
      const items = (node.content ?? []).map((item, index) => {
        const listItem = tag("LI");
        const label = node.type === "orderedList" ? `${start + index}.` : BULLETS[depth % BULLETS.length]!;
        return {
          columns: [
            { text: label, width: 18, pdfTag: tag("Lbl", listItem) },
            { stack: blocks(item.content ?? [], context, depth + 1), width: "*", pdfTag: tag("LBody", listItem) },
          ],
          columnGap: 2,
        };
      });
      return [{ stack: items, margin: [12, 0, 0, 6], pdfTag: tag("L") }];
    }
    case "blockquote":
      return [{ stack: blocks(node.content ?? [], context, depth), margin: [18, 0, 0, 6], color: MUTED, pdfTag: tag("BlockQuote") }];
    case "horizontalRule":
      return [{ canvas: [{ type: "line", x1: 0, y1: 4, x2: 483, y2: 4, lineWidth: 0.5, lineColor: "#999999" }], margin: [0, 6, 0, 10] }];
    case "table":
      return [table(node, context)];
    default:
      return blocks(node.content ?? [], context, depth);
  }
}

function table(node: ProseMirrorJson, context: Context): Content {
  const rows = node.content ?? [];
  // pdfmake wants a full grid: a spanned-over position holds an empty placeholder.
  const spannedRows = new Map<number, number>();
  const body: Content[][] = rows.map((row) => {
    const rowTag = context.tag("TR");
    const cells: Content[] = [];
    let column = 0;
    const fillSpanned = () => {
      while ((spannedRows.get(column) ?? 0) > 0) {
        spannedRows.set(column, spannedRows.get(column)! - 1);
        cells.push({});
        column++;
      }
    };
    for (const cell of row.content ?? []) {
      fillSpanned();
      const colSpan = Math.max(1, Number(cell.attrs?.colspan ?? 1));
      const rowSpan = Math.max(1, Number(cell.attrs?.rowspan ?? 1));
      const isHeader = cell.type === "tableHeader";
      cells.push({ stack: blocks(cell.content ?? [], context), colSpan, rowSpan, bold: isHeader, fillColor: isHeader ? "#eeeeee" : undefined, pdfTag: context.tag(isHeader ? "TH" : "TD", rowTag) });
      for (let offset = 0; offset < colSpan; offset++) {
        if (rowSpan > 1) spannedRows.set(column + offset, rowSpan - 1);
        if (offset > 0) cells.push({});
      }
      column += colSpan;
    }
    fillSpanned();
    return cells;
  });
  const width = Math.max(1, ...body.map((cells) => cells.length));
  for (const cells of body) while (cells.length < width) cells.push({ text: "" });
  const headerRows = rows.findIndex((row) => !(row.content ?? []).every((cell) => cell.type === "tableHeader"));
  return { table: { headerRows: Math.max(0, headerRows), widths: Array(width).fill("*"), body }, layout: "lightHorizontalLines", margin: [0, 4, 0, 10], fontSize: 9.5, pdfTag: context.tag("Table") };
}

function inline(node: ProseMirrorJson, numbering: DocumentNumbering): Content[] {
  return (node.content ?? []).flatMap((child): Content[] => {
    if (child.type === "hardBreak") return ["\n"];
    if (child.type === "note") {
      const number = numbering.notes.get(child);
      return number === undefined ? [] : [{ text: String(number), sup: true, color: PRIMARY, bold: true, font: "DejaVuSans" }];
    }
    if (child.type !== "text" || !child.text) return [];
    const marks = new Map((child.marks ?? []).map((mark) => [mark.type, mark.attrs ?? {}]));
    // The signable text is the text as it stands: pending proposed insertions are not part of it.
    if (marks.has(SUGGESTION_INSERT)) return [];
    const link = marks.get("link");
    const decoration = marks.has("underline") || link ? "underline" : marks.has("strike") ? "lineThrough" : undefined;
    return [
      {
        text: child.text,
        bold: marks.has("bold") || undefined,
        italics: marks.has("italic") || undefined,
        decoration,
        link: link && typeof link.href === "string" ? link.href : undefined,
        color: link ? PRIMARY : undefined,
      },
    ];
  });
}

const formatTime = (value: Date) => `${value.toISOString().slice(0, 16).replace("T", " ")} UTC`;

function annexContent(source: ReadSource, annex: PdfAnnex, { tag }: Context): Content[] {
  const paragraph = (text: Content | Content[], style: string, extra: Record<string, unknown> = {}) => ({ text, style, ...extra, pdfTag: tag("P") });
  const content: Content[] = [{ text: "Annex — Sign-off record", style: "annexTitle", pageBreak: "before", pdfTag: tag("H1") }];
  content.push(paragraph(`${source.title}. ${source.label}.`, "annexText"));
  if (!source.version) {
    content.push(paragraph("This PDF shows the live text, which is not a saved version: no economy has signed off on it.", "annexText"));
  } else if (annex.rounds.length === 0) {
    content.push(paragraph("No sign-off round has been opened on this version.", "annexText"));
  }
  for (const round of annex.rounds) {
    const closed = round.closedAt ? `; closed ${formatTime(round.closedAt)}${round.closedByName ? ` by ${round.closedByName}` : ""}` : "; open";
    content.push({ text: `Sign-off round ${round.number}`, style: "annexHeading", pdfTag: tag("H2") });
    content.push(paragraph(`Opened ${formatTime(round.openedAt)} by ${round.openedByName}${closed}.`, "annexText"));
    const row = (cells: (Content | Record<string, unknown>)[], type: "TH" | "TD") => {
      const rowTag = tag("TR");
      return cells.map((cell) => ({ ...(typeof cell === "string" ? { text: cell } : cell), pdfTag: tag(type, rowTag) }));
    };
    content.push({
      style: "annexTable",
      table: {
        headerRows: 1,
        widths: [112, 122, 112, "*"],
        body: [
          row(["Economy", "Position", "Recorded by, when", "Reservation, reason, on behalf"].map((text) => ({ text, bold: true, fillColor: "#eeeeee" })), "TH"),
          ...annex.economies.map((code) => {
            const cell = round.cells[code];
            const economy = getOrganisation(code).name;
            if (!cell) return row([economy, { text: "No position recorded", color: MUTED }, "", ""], "TD");
            const notes = [
              cell.reservation ? `Reservation: ${cell.reservation}` : null,
              cell.reason ? `Reason: ${cell.reason}` : null,
              cell.onBehalfReason ? `Recorded on the economy's behalf: ${cell.onBehalfReason}` : null,
              cell.isBoundToVersion ? null : `Warning: recorded against digest ${cell.versionDigest}, not this version's.`,
            ].filter(Boolean);
            return row([economy, { text: POSITION_LABEL[cell.position], bold: true }, `${cell.recordedBy.name} (${getOrganisation(cell.recordedBy.organisationCode).shortName}), ${formatTime(cell.recordedAt)}`, notes.join("\n")], "TD");
          }),
        ],
      },
      layout: "lightHorizontalLines",
      margin: [0, 4, 0, 8],
      pdfTag: tag("Table"),
    });
  }
  content.push({ text: "Integrity", style: "annexHeading", pdfTag: tag("H2") });
  content.push(paragraph([{ text: "SHA-256 of this text (canonical content): ", bold: true }, { text: source.digest, style: "mono" }], "annexText"));
  if (annex.auditHead) {
    content.push(paragraph([{ text: `Audit chain head at export (${formatTime(annex.auditHead.at)}): `, bold: true }, { text: annex.auditHead.anchor, style: "mono" }], "annexText"));
    content.push(paragraph("Anyone holding this PDF can check that the audit log up to this point is unchanged with:", "annexText"));
    content.push(paragraph(`npm run audit:verify -- --anchor ${annex.auditHead.anchor}`, "command"));
  }
  if (annex.verifyUrl) {
    content.push(paragraph("Verify this version's digest at:", "annexText", { bold: true }));
    content.push(paragraph(annex.verifyUrl, "command", { link: annex.verifyUrl, color: PRIMARY, decoration: "underline" }));
  }
  content.push(paragraph(`Exported ${formatTime(source.readAt)} by Accord.`, "annexText", { color: MUTED }));
  return content;
}
