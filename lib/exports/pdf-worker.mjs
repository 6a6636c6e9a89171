// Lays out and writes a PDF in a worker thread: pdfmake's layout is synchronous and takes seconds
// for the 100-page MoU, which on the main thread would stall every collaborator's edits meanwhile.
// Plain JavaScript so the worker starts under Node without the TypeScript loader; it receives a
// finished document definition (lib/exports/build-pdf.ts) and adds only the running header and footer.
import { createRequire } from "node:module";
import path from "node:path";
import { parentPort } from "node:worker_threads";

const require = createRequire(import.meta.url);
const pdfmake = require("pdfmake");
// From the working directory (the repository), not require.resolve: Next.js bundles this worker and rewrites resolved paths.
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

parentPort.on("message", async ({ id, definition, running }) => {
  try {
    definition.header = () => ({ text: running.header, alignment: "right", fontSize: 8, color: "#555555", font: "DejaVuSans", margin: [56, 28, 56, 0] });
    definition.footer = (currentPage, pageCount) => ({
      margin: [56, 16, 56, 0],
      columns: [
        { text: running.footer, fontSize: 7, color: "#555555", font: "DejaVuSans", width: "*" },
        { text: `Page ${currentPage} of ${pageCount}`, fontSize: 7, color: "#555555", font: "DejaVuSans", alignment: "right", width: 70 },
      ],
    });
    const buffer = await pdfmake.createPdf(definition).getBuffer();
    parentPort.postMessage({ id, bytes: buffer }, [buffer.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
