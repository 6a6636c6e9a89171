import { EventEmitter } from "node:events";

/**
 * A document page on its way to a browser, whose editor will connect to this process's
 * collaboration server in a moment (once its script has loaded). The server loads the document
 * meanwhile (lib/collab/preloads.ts) instead of after the socket asks for it: for a 100-page MoU,
 * reading and checking the stored text is a few hundred milliseconds the person no longer waits.
 * In this process only: a socket that lands on another instance loads the document there as before.
 */
export type DocumentOpeningListener = (documentId: string) => void;

// One bus per process, kept on globalThis because Next.js may load this module once per route bundle.
const globalForOpenings = globalThis as unknown as { accordDocumentOpenings?: EventEmitter };

function bus(): EventEmitter {
  globalForOpenings.accordDocumentOpenings ??= new EventEmitter();
  return globalForOpenings.accordDocumentOpenings;
}

/** Says that the person, already authorised to read it, is opening the document's editor. */
export function announceDocumentOpening(documentId: string): void {
  bus().emit("opening", documentId);
}

/** Calls the listener for every document opening announced in this process, until the returned function is called. */
export function subscribeToDocumentOpenings(listener: DocumentOpeningListener): () => void {
  const current = bus();
  current.on("opening", listener);
  return () => {
    current.off("opening", listener);
  };
}
