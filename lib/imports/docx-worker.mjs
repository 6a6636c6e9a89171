// Reads Word files in a worker thread: mammoth's reading of a 100-page file holds the thread for
// most of a second, which on the main thread would stall every collaborator's edits meanwhile.
// Plain JavaScript so the worker starts under Node without a bundler or the TypeScript loader; the
// reading itself is lib/imports/read-word-file.mts, which Node runs with its own type stripping.
import { serveRequests } from "../workers/serve-requests.mts";
import { readWordFile, WordFileRefusal } from "./read-word-file.mts";

serveRequests(
  async ({ bytes }) => ({ answer: await readWordFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) }),
  // A refusal carries the message for the uploader; anything else is a bug, reported as such.
  { isRefusal: (error) => error instanceof WordFileRefusal },
);
