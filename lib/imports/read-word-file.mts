// Runs in the Word-reading worker (lib/imports/docx-worker.mjs), which Node loads without a
// bundler: TypeScript that Node's type stripping can run as it is (erasable syntax only, type-only
// imports from the rest of the app) and nothing but jszip and mammoth at run time.
import JSZip from "jszip";
import mammoth from "mammoth";
import type { ProseMirrorJson } from "@/lib/documents/content";

// A small zip can unpack to gigabytes; stop before reading one that would.
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

/** One line of the import report: something in the Word file that Accord could not keep as it was. */
export type ImportNotice = { kind: string; count: number; message: string };

/** What the worker reads from a Word file: plain data, mapped onto Accord's schema but not yet checked against it. */
export type WordReading = {
  json: ProseMirrorJson;
  summary: { articles: number; numberedParagraphs: number; notes: number; tables: number; lists: number };
  notices: ImportNotice[];
};

/** A Word file Accord will not read, with the message for the person who uploaded it. */
export class WordFileRefusal extends Error {}

// mammoth's document tree (lib/documents.js in the package); only what the mapping reads.
type WordNode = {
  type: string;
  children?: WordNode[];
  value?: string;
  styleName?: string | null;
  styleId?: string | null;
  numbering?: { level: string; isOrdered: boolean } | null;
  isBold?: boolean;
  isItalic?: boolean;
  isUnderline?: boolean;
  isStrikethrough?: boolean;
  href?: string;
  anchor?: string;
  breakType?: string;
  noteType?: string;
  noteId?: string;
  isHeader?: boolean;
  colSpan?: number;
  rowSpan?: number;
  checked?: boolean;
};
type WordDocument = WordNode & { notes: { resolve: (reference: WordNode) => { body: WordNode[] } | null }; comments: unknown[] };

const ARTICLE_PATTERN = /^\s*Article\s+(\d+)\b\s*(?:[—–:.-]\s*)?([\s\S]*)$/i;
const NUMBERED_PARAGRAPH_PATTERN = /^\s*(\d{1,3})[.)][\t ]+/;

/**
 * Reads a zip that starts like a .docx (the caller has checked its first bytes and its size) into
 * Accord's schema: the container's checks (damaged, too large unpacked, macros, no document text),
 * mammoth's reading and the mapping. Throws WordFileRefusal for a file Accord does not accept.
 */
export async function readWordFile(buffer: Buffer): Promise<WordReading> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer);
  } catch {
    throw new WordFileRefusal("The file is damaged and cannot be read as a Word document. Open it in Word, save it again and retry.");
  }
  const unpacked = Object.values(zip.files).reduce((sum, entry) => sum + ((entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0), 0);
  if (unpacked > MAX_UNPACKED_BYTES) throw new WordFileRefusal("The file unpacks to more than 200 MB and cannot be imported.");
  const hasMacros = Object.keys(zip.files).some((name) => /vbaProject\.bin$/i.test(name));
  const contentTypes = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
  if (hasMacros || /macroEnabled/i.test(contentTypes)) {
    throw new WordFileRefusal("The file contains macros (a .docm). Accord does not accept macro-enabled documents: save it as a Word document (.docx) without macros.");
  }
  const documentXml = await zip.file("word/document.xml")?.async("string");
  if (!documentXml) throw new WordFileRefusal("This file is not a Word document (.docx): it has no document text.");

  let wordDocument: WordDocument | undefined;
  try {
    await mammoth.convertToHtml(
      { buffer },
      {
        transformDocument: (element: unknown) => {
          wordDocument = element as WordDocument;
          return element;
        },
      },
    );
  } catch {
    throw new WordFileRefusal("The file is damaged and cannot be read as a Word document. Open it in Word, save it again and retry.");
  }
  if (!wordDocument) throw new WordFileRefusal("The file is damaged and cannot be read as a Word document.");

  const mapper = new WordMapper(wordDocument);
  const json = mapper.map();
  const count = (pattern: RegExp) => (documentXml.match(pattern) ?? []).length;
  mapper.notice("textBox", count(/<w:txbxContent\b/g), (n) => `${n} text box${n === 1 ? " was" : "es were"} flattened into the text.`);
  mapper.notice("trackedChange", count(/<w:(?:ins|del)\b/g), (n) => `${n} tracked change${n === 1 ? " was" : "s were"} taken as accepted.`);
  mapper.notice("wordComment", wordDocument.comments.length, (n) => `${n} Word comment${n === 1 ? " was" : "s were"} not imported (comment in Accord on behalf of an economy instead).`);
  return { json, summary: mapper.summary, notices: mapper.notices };
}

type Inline = ProseMirrorJson;
type Mark = { type: string; attrs?: Record<string, unknown> };

/** Maps mammoth's reading of a Word file onto Accord's schema, counting what it cannot keep. */
class WordMapper {
  readonly notices: ImportNotice[] = [];
  readonly summary = { articles: 0, numberedParagraphs: 0, notes: 0, tables: 0, lists: 0 };
  private readonly dropped = new Map<string, number>();
  private isInArticle = false;
  private readonly document: WordDocument;

  constructor(document: WordDocument) {
    this.document = document;
  }

  map(): ProseMirrorJson {
    const content = this.blocks(this.document.children ?? [], true);
    this.notice("image", this.dropped.get("image") ?? 0, (n) => `${n} image${n === 1 ? " was" : "s were"} dropped (Accord's text holds no images).`);
    this.notice("pageBreak", this.dropped.get("pageBreak") ?? 0, (n) => `${n} page or column break${n === 1 ? " was" : "s were"} dropped.`);
    this.notice("checkbox", this.dropped.get("checkbox") ?? 0, (n) => `${n} checkbox${n === 1 ? " was" : "es were"} written as ☐/☒.`);
    this.notice("nestedTable", this.dropped.get("nestedTable") ?? 0, (n) => `${n} table${n === 1 ? "" : "s"} inside table cells ${n === 1 ? "was" : "were"} flattened into text.`);
    this.notice("internalLink", this.dropped.get("internalLink") ?? 0, (n) => `${n} link${n === 1 ? "" : "s"} to places inside the Word file kept as plain text.`);
    this.notice("endnote", this.dropped.get("endnote") ?? 0, (n) => `${n} endnote${n === 1 ? " became a note" : "s became notes"} (Accord has one kind of note).`);
    return { type: "doc", content: content.length ? content : [{ type: "paragraph" }] };
  }

  notice(kind: string, count: number, message: (count: number) => string) {
    if (count > 0) this.notices.push({ kind, count, message: message(count) });
  }

  private drop(kind: string) {
    this.dropped.set(kind, (this.dropped.get(kind) ?? 0) + 1);
  }

  /** Block-level children; at the top level, consecutive list paragraphs become one list. */
  private blocks(nodes: WordNode[], isTopLevel: boolean): ProseMirrorJson[] {
    const result: ProseMirrorJson[] = [];
    for (let index = 0; index < nodes.length; index++) {
      const node = nodes[index]!;
      if (node.type === "table") {
        if (!isTopLevel) {
          this.drop("nestedTable");
          result.push(...this.tableAsParagraphs(node));
        } else {
          result.push(this.table(node));
        }
        continue;
      }
      if (node.type !== "paragraph") continue;
      if (node.numbering && !this.isHeadingStyle(node)) {
        const items: WordNode[] = [];
        while (index < nodes.length && nodes[index]!.type === "paragraph" && nodes[index]!.numbering && !this.isHeadingStyle(nodes[index]!)) items.push(nodes[index++]!);
        index--;
        result.push(this.list(items, 0));
        continue;
      }
      const block = this.paragraph(node, nodes[index + 1]);
      if (!block) continue;
      if (block.mergedNext) index++;
      result.push(block.node);
    }
    return result;
  }

  private isHeadingStyle(node: WordNode): boolean {
    return /^(title|heading\s*\d)$/i.test(node.styleName ?? "") || /^(Title|Heading\d)$/.test(node.styleId ?? "");
  }

  private headingLevel(node: WordNode): number | null {
    const name = node.styleName ?? node.styleId ?? "";
    if (/^title$/i.test(name)) return 1;
    const match = /^heading\s*(\d)$/i.exec(name);
    return match ? Math.min(Number(match[1]), 3) : null;
  }

  private paragraph(node: WordNode, next: WordNode | undefined): { node: ProseMirrorJson; mergedNext: boolean } | null {
    const inline = this.inline(node.children ?? [], []);
    const text = plain(inline);
    const level = this.headingLevel(node);
    const article = ARTICLE_PATTERN.exec(text);
    const isBoldLine = inline.length > 0 && inline.every((child) => child.type !== "text" || !child.text?.trim() || child.marks?.some((mark) => mark.type === "bold"));
    // "Article 4 — Governance" as a heading, or as a short bold line in a file without heading styles.
    if (article && (level !== null || (isBoldLine && text.length <= 160))) {
      let title = stripPrefix(inline, text.length - article[2]!.length).map((child) => (child.type === "text" ? { ...child, marks: child.marks?.filter((mark) => mark.type !== "bold") } : child));
      title = trimStart(title);
      let mergedNext = false;
      // "Article 4" on its own line with the title on the next heading or bold line.
      if (title.length === 0 && next?.type === "paragraph" && !next.numbering) {
        const nextInline = this.inline(next.children ?? [], []);
        const nextText = plain(nextInline).trim();
        const nextIsTitle = nextText.length > 0 && nextText.length <= 160 && !ARTICLE_PATTERN.test(nextText) && (this.headingLevel(next) !== null || nextInline.every((child) => child.type !== "text" || !child.text?.trim() || child.marks?.some((mark) => mark.type === "bold")));
        if (nextIsTitle) {
          title = nextInline.map((child) => (child.type === "text" ? { ...child, marks: child.marks?.filter((mark) => mark.type !== "bold") } : child));
          mergedNext = true;
        }
      }
      this.summary.articles++;
      this.isInArticle = true;
      return { node: { type: "heading", attrs: { level: 2, article: true }, content: cleanInline(title) }, mergedNext };
    }
    if (level !== null) {
      if (level <= 2) this.isInArticle = false;
      if (!text.trim()) return null;
      return { node: { type: "heading", attrs: { level }, content: cleanInline(inline) }, mergedNext: false };
    }
    if (!text.trim() && !inline.some((child) => child.type === "note")) return null;
    const numbered = NUMBERED_PARAGRAPH_PATTERN.exec(text);
    if (numbered && this.isInArticle) {
      this.summary.numberedParagraphs++;
      return { node: { type: "paragraph", attrs: { numbered: true }, content: cleanInline(trimStart(stripPrefix(inline, numbered[0].length))) }, mergedNext: false };
    }
    return { node: { type: "paragraph", content: cleanInline(inline) }, mergedNext: false };
  }

  private list(items: WordNode[], level: number): ProseMirrorJson {
    this.summary.lists++;
    const isOrdered = items[0]?.numbering?.isOrdered ?? false;
    const listItems: ProseMirrorJson[] = [];
    for (let index = 0; index < items.length; index++) {
      const item = items[index]!;
      const itemLevel = Number(item.numbering?.level ?? 0);
      if (itemLevel > level && listItems.length) {
        const nested: WordNode[] = [];
        while (index < items.length && Number(items[index]!.numbering?.level ?? 0) > level) nested.push(items[index++]!);
        index--;
        listItems.at(-1)!.content!.push(this.list(nested, level + 1));
        continue;
      }
      listItems.push({ type: "listItem", content: [{ type: "paragraph", content: cleanInline(this.inline(item.children ?? [], [])) }] });
    }
    return isOrdered ? { type: "orderedList", attrs: { start: 1 }, content: listItems } : { type: "bulletList", content: listItems };
  }

  private table(node: WordNode): ProseMirrorJson {
    this.summary.tables++;
    const rows = (node.children ?? []).filter((row) => row.type === "tableRow");
    return {
      type: "table",
      content: rows.map((row) => ({
        type: "tableRow",
        content: (row.children ?? [])
          .filter((cell) => cell.type === "tableCell")
          .map((cell) => {
            const content = this.blocks(cell.children ?? [], false).flatMap((block) => (block.type === "heading" ? [{ type: "paragraph", content: block.content }] : [block]));
            return {
              type: row.isHeader ? "tableHeader" : "tableCell",
              attrs: { colspan: cell.colSpan ?? 1, rowspan: cell.rowSpan ?? 1 },
              content: content.length ? content : [{ type: "paragraph" }],
            };
          }),
      })),
    };
  }

  private tableAsParagraphs(node: WordNode): ProseMirrorJson[] {
    return (node.children ?? []).flatMap((row) => (row.children ?? []).flatMap((cell) => this.blocks(cell.children ?? [], false)));
  }

  private inline(nodes: WordNode[], marks: Mark[]): Inline[] {
    const result: Inline[] = [];
    for (const node of nodes) {
      switch (node.type) {
        case "run": {
          const runMarks = [...marks];
          if (node.isBold) runMarks.push({ type: "bold" });
          if (node.isItalic) runMarks.push({ type: "italic" });
          if (node.isUnderline) runMarks.push({ type: "underline" });
          if (node.isStrikethrough) runMarks.push({ type: "strike" });
          result.push(...this.inline(node.children ?? [], runMarks));
          break;
        }
        case "hyperlink":
          if (node.href && /^(https?:|mailto:)/i.test(node.href)) {
            result.push(...this.inline(node.children ?? [], [...marks, { type: "link", attrs: { href: node.href } }]));
          } else {
            if (node.anchor) this.drop("internalLink");
            result.push(...this.inline(node.children ?? [], marks));
          }
          break;
        case "text":
          if (node.value) result.push(textNode(node.value, marks));
          break;
        case "tab":
          result.push(textNode("\t", marks));
          break;
        case "break":
          if (node.breakType === "line" || !node.breakType) result.push({ type: "hardBreak" });
          else this.drop("pageBreak");
          break;
        case "noteReference": {
          const note = this.document.notes.resolve(node);
          if (node.noteType === "endnote") this.drop("endnote");
          this.summary.notes++;
          const text = note ? note.body.map((block) => plain(this.inline(block.children ?? [], []))).join(" ").replace(/\s+/g, " ").trim() : "";
          result.push({ type: "note", attrs: { text } });
          break;
        }
        case "image":
          this.drop("image");
          break;
        case "checkbox":
          this.drop("checkbox");
          result.push(textNode(node.checked ? "☒" : "☐", marks));
          break;
        default:
          if (node.children) result.push(...this.inline(node.children, marks));
      }
    }
    return result;
  }
}

function textNode(text: string, marks: Mark[]): Inline {
  // Marks in the schema's order, once each, so equal formatting gives equal JSON.
  const order = ["link", "bold", "italic", "strike", "underline"];
  const unique = [...new Map(marks.map((mark) => [mark.type, mark])).values()].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
  return unique.length ? { type: "text", text, marks: unique } : { type: "text", text };
}

function plain(inline: Inline[]): string {
  return inline.map((child) => (child.type === "text" ? (child.text ?? "") : child.type === "hardBreak" ? "\n" : "")).join("");
}

/** The inline content without its first `length` characters of text. */
function stripPrefix(inline: Inline[], length: number): Inline[] {
  let remaining = length;
  const result: Inline[] = [];
  for (const child of inline) {
    const size = child.type === "text" ? (child.text ?? "").length : child.type === "hardBreak" ? 1 : 0;
    if (remaining >= size && size > 0) {
      remaining -= size;
      continue;
    }
    if (remaining > 0 && child.type === "text") {
      result.push({ ...child, text: child.text!.slice(remaining) });
      remaining = 0;
      continue;
    }
    result.push(child);
  }
  return result;
}

function trimStart(inline: Inline[]): Inline[] {
  const result = [...inline];
  while (result[0]?.type === "hardBreak") result.shift();
  if (result[0]?.type === "text") {
    const text = result[0].text!.replace(/^\s+/, "");
    if (text) result[0] = { ...result[0], text };
    else return trimStart(result.slice(1));
  }
  return result;
}

/** Tabs become spaces, adjacent text with the same marks joins, empty text goes. */
function cleanInline(inline: Inline[]): Inline[] | undefined {
  const result: Inline[] = [];
  for (const child of inline) {
    const node = child.type === "text" ? { ...child, text: child.text!.replace(/\t/g, " ") } : child;
    if (node.type === "text" && !node.text) continue;
    const last = result.at(-1);
    if (last?.type === "text" && node.type === "text" && JSON.stringify(last.marks ?? []) === JSON.stringify(node.marks ?? [])) {
      result[result.length - 1] = { ...last, text: last.text! + node.text! };
    } else {
      result.push(node);
    }
  }
  // Trailing spaces Word leaves before a paragraph mark are not part of the text.
  const last = result.at(-1);
  if (last?.type === "text") {
    const trimmed = last.text!.replace(/[ \u00a0]+$/, "");
    if (trimmed) result[result.length - 1] = { ...last, text: trimmed };
    else result.pop();
  }
  return result.length ? result : undefined;
}
