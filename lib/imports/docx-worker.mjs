// Reads Word files in a worker thread: mammoth's reading of a 100-page file holds the thread for
// most of a second, which on the main thread would stall every collaborator's edits meanwhile.
// Plain JavaScript so the worker starts under Node without a bundler or the TypeScript loader; the
// reading itself is lib/imports/read-word-file.mts, which Node runs with its own type stripping.
import { parentPort } from "node:worker_threads";
import { readWordFile, WordFileRefusal } from "./read-word-file.mts";

parentPort.on("message", async ({ id, bytes }) => {
  try {
    const reading = await readWordFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    parentPort.postMessage({ id, reading });
  } catch (error) {
    // A refusal carries the message for the uploader; anything else is a bug, reported as such.
    if (error instanceof WordFileRefusal) parentPort.postMessage({ id, refusal: error.message });
    else parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
