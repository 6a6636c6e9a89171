// Reads Word files in a worker process: mammoth's reading of a 100-page file holds the thread for
// most of a second, and the check of what it read against the editor's schema tens of
// milliseconds more, which on the main thread would stall every collaborator's edits meanwhile;
// replacing a draft's text also plans the replacement here (lib/imports/plan-text-replacement.ts).
// Started at the lowest priority with tsx's loader for the project's TypeScript (lib/workers/worker-requests.ts).
import { serveRequests } from "../workers/serve-requests.mts";
import { analysisFromReading } from "./complete-reading.ts";
import { planTextReplacement } from "./plan-text-replacement.ts";
import { readWordFile, WordFileRefusal } from "./read-word-file.mts";

serveRequests(
  async ({ bytes, fileName, replacing }) => {
    const { json, ...analysis } = analysisFromReading({ reading: await readWordFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), fileName });
    if (analysis.summary.characters === 0) throw new WordFileRefusal("The document has no text to import.");
    // The text's tree stays here: the server needs its Yjs state, and receiving the tree of a long
    // text (tens of thousands of objects) cost the server's thread time and garbage collection.
    if (!replacing) return analysis;
    return { ...analysis, replacement: planTextReplacement({ ...replacing, json }) };
  },
  // A refusal carries the message for the uploader; anything else is a bug, reported as such.
  { isRefusal: (error) => error instanceof WordFileRefusal },
);
