// Lays out and writes a PDF in a worker process: pdfmake's layout is synchronous and takes seconds
// for the 100-page MoU, which on the main thread would stall every collaborator's edits meanwhile.
// The text arrives as it is stored and is read and turned into a document definition here
// (lib/exports/pdf-definition.ts), so the main thread does none of it. Started at the lowest priority
// with tsx's loader for the project's TypeScript (lib/workers/worker-requests.ts).
import { createRequire } from "node:module";
import path from "node:path";
import { serveRequests } from "../workers/serve-requests.mts";
import { pdfDefinition } from "./pdf-definition.ts";
import { readSource } from "./read-source.ts";

const require = createRequire(import.meta.url);
const pdfmake = require("pdfmake");
const LayoutBuilder = require("pdfmake/js/LayoutBuilder").default;
const Renderer = require("pdfmake/js/Renderer").default;
// From the working directory: the server, and so its workers, run from the repository (lib/workers/worker-requests.ts).
const fontDirectory = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
const font = (name) => path.join(fontDirectory, name);

// DejaVu covers Latin with every diacritic of the region's languages and the Serbian and Macedonian Cyrillic alphabets.
pdfmake.setFonts({
  DejaVuSerif: { normal: font("DejaVuSerif.ttf"), bold: font("DejaVuSerif-Bold.ttf"), italics: font("DejaVuSerif-Italic.ttf"), bolditalics: font("DejaVuSerif-BoldItalic.ttf") },
  DejaVuSans: { normal: font("DejaVuSans.ttf"), bold: font("DejaVuSans-Bold.ttf"), italics: font("DejaVuSans-Oblique.ttf"), bolditalics: font("DejaVuSans-BoldOblique.ttf") },
});
// The definition is built from stored text: never let it reach the network or other files.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontDirectory + path.sep));

// Tagged PDF. pdfmake 0.3 passes `tagged` and `language` to pdfkit, which then writes /MarkInfo,
// /Lang and an empty structure tree, but pdfmake marks no content. Definition nodes carry `pdfTag`
// (lib/exports/build-pdf.ts); these two patches put the content in the structure pdfkit offers:
// 1. layout: each line remembers the tagged nodes it was laid out in (outermost first);
// 2. rendering: each line is drawn as marked content of the innermost tag's structure element, the
//    elements created in reading order under one Document element; everything else (running
//    header and footer, rules and table lines, a table header repeated on a later page) is an artifact.
let lineCount = 0;
const processNode = LayoutBuilder.prototype.processNode;
LayoutBuilder.prototype.processNode = function (node, ...rest) {
  const tag = node?.pdfTag;
  if (!tag) return processNode.call(this, node, ...rest);
  (this.accordTags ??= []).push(tag);
  try {
    return processNode.call(this, node, ...rest);
  } finally {
    this.accordTags.pop();
  }
};
const buildNextLine = LayoutBuilder.prototype.buildNextLine;
LayoutBuilder.prototype.buildNextLine = function (textNode) {
  const line = buildNextLine.call(this, textNode);
  // Copied with the line when pdfmake repeats it (a table's header rows on the next page).
  if (line) Object.assign(line, { accordLineId: ++lineCount, accordTags: this.accordTags?.length ? [...this.accordTags] : undefined });
  return line;
};

const renderPages = Renderer.prototype.renderPages;
Renderer.prototype.renderPages = function (pages) {
  const document = this.pdfDocument;
  if (!document.options.tagged) return renderPages.call(this, pages);
  const root = document.struct("Document");
  document.addStructure(root);
  const elements = new Map();
  const elementFor = (tags) => {
    let parent = root;
    for (const tag of tags.flatMap((each) => (each.within ? [each.within, each] : [each]))) {
      let element = elements.get(tag.key);
      if (!element) {
        element = document.struct(tag.type, tag.type === "TH" ? { scope: "Column" } : {});
        parent.add(element);
        elements.set(tag.key, element);
      }
      parent = element;
    }
    return parent;
  };
  const drawn = new Set();
  const asArtifact = (type, draw) => {
    document.markContent("Artifact", { type });
    draw();
    document.endMarkedContent();
  };
  const renderLine = this.renderLine.bind(this);
  this.renderLine = (line, x, y) => {
    if (!line.accordTags || drawn.has(line.accordLineId)) return asArtifact("Pagination", () => renderLine(line, x, y));
    drawn.add(line.accordLineId);
    const element = elementFor(line.accordTags);
    element.add(document.markStructureContent(line.accordTags.at(-1).type));
    renderLine(line, x, y);
    document.endMarkedContent();
  };
  const renderVector = this.renderVector.bind(this);
  this.renderVector = (vector) => asArtifact("Layout", () => renderVector(vector));
  return renderPages.call(this, pages);
};

serveRequests(async (request) => {
  const source = readSource(request.source);
  const definition = pdfDefinition({ source, annex: request.annex });
  definition.header = () => ({ text: source.title, alignment: "right", fontSize: 8, color: "#555555", font: "DejaVuSans", margin: [56, 28, 56, 0] });
  definition.footer = (currentPage, pageCount) => ({
    margin: [56, 16, 56, 0],
    columns: [
      { text: `${source.label} · SHA-256 ${source.digest}`, fontSize: 7, color: "#555555", font: "DejaVuSans", width: "*" },
      { text: `Page ${currentPage} of ${pageCount}`, fontSize: 7, color: "#555555", font: "DejaVuSans", alignment: "right", width: 70 },
    ],
  });
  return { bytes: await pdfmake.createPdf(definition).getBuffer(), digest: source.digest };
});
