import * as Y from "yjs";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import type { Awareness } from "y-protocols/awareness";
import { waitFor } from "@/lib/testing/collaboration";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import type { CrowdRates } from "./caret-crowd";
import { monotonicMs } from "./light-client";

/** A connected editor as the scenarios drive it: its document, presence, and "saved" events where the server has them. */
export type TypingClient = {
  doc: Y.Doc;
  awareness: Awareness;
  isSynced: () => boolean;
  /** Calls back each time the server acknowledges one update (Accord only; a bare relay acknowledges nothing). */
  onAcknowledged?: (listener: (count: number) => void) => void;
  /** Formatting every character this client types carries: a suggestion mark naming its sender, in a negotiation. */
  typedAttributes?: Record<string, unknown>;
  destroy: () => void;
};

/**
 * Where each typist types: a paragraph of its own added at the end, or the middle of an existing
 * paragraph of the text (one per typist, spread through it), as a delegate amending an article does.
 */
export type TypingPlacement = "own paragraph" | "existing paragraphs";

export type TypingFigures = {
  propagation: { p50: number; p99: number; samples: number };
  acknowledgement: { p50: number; p99: number; samples: number } | null;
  updatesSent: number;
  updateBytes: number;
  /** With the caret-only editors in their own process: what each did a second. */
  crowd?: CrowdRates;
  /** To the watcher in a process of its own (bench/watcher.ts): until the frame carrying the keystroke arrived there. */
  propagationToWatcher?: { p50: number; p99: number; samples: number };
};

/** 3–5 characters a second, as a steady typist. */
const KEYSTROKE_INTERVAL_MS = { min: 200, max: 333 };
/** Carets move twice a second. */
export const CARET_INTERVAL_MS = 500;

/**
 * `typists` of the `clients` type into their own paragraph; every client moves its caret. One
 * extra observer records, for each keystroke, when it arrived: a keystroke is identified by the
 * Yjs id (client, clock) of the character it inserted, so no marker text is needed.
 */
export async function measureTyping({ clients, observer, typists, durationMs, placement = "own paragraph", watcherArrivals }: {
  clients: TypingClient[];
  observer: TypingClient;
  typists: number;
  durationMs: number;
  placement?: TypingPlacement;
  /** Ends the watcher in its own process (bench/watcher.ts); resolves with when each character reached it. */
  watcherArrivals?: () => Promise<Record<string, number>>;
}): Promise<TypingFigures> {
  await waitFor(() => [...clients, observer].every((client) => client.isSynced()), { timeoutMs: 120_000, message: `${clients.length} clients to sync` });

  // Each typist starts its line ("Typist n: ") before timing starts, and types at the end of it.
  const writers = clients.slice(0, typists);
  const lines = placement === "own paragraph" ? await startOwnParagraphs(writers, observer) : await startInExistingParagraphs(writers, observer);

  const sentAt = new Map<string, number>();
  // The same moments on the clock every process shares, for the watcher's arrivals.
  const sentAtMonotonic = new Map<string, number>();
  const propagation: number[] = [];
  const acknowledgement: number[] = [];
  let updatesSent = 0;
  let updateBytes = 0;

  const onObserved = (update: Uint8Array) => {
    const now = performance.now();
    for (const struct of Y.decodeUpdate(update).structs) {
      for (let clock = struct.id.clock; clock < struct.id.clock + struct.length; clock += 1) {
        const key = `${struct.id.client}:${clock}`;
        const sent = sentAt.get(key);
        if (sent === undefined) continue;
        propagation.push(now - sent);
        sentAt.delete(key);
      }
    }
  };
  observer.doc.on("update", onObserved);

  const timers: NodeJS.Timeout[] = [];
  for (const [index, writer] of writers.entries()) {
    const pending: number[] = [];
    writer.onAcknowledged?.((count) => {
      const now = performance.now();
      for (let acknowledged = 0; acknowledged < count && pending.length > 0; acknowledged += 1) acknowledgement.push(now - pending.shift()!);
    });
    const countBytes = (update: Uint8Array, origin: unknown) => {
      if (origin === null) updateBytes += update.length;
    };
    writer.doc.on("update", countBytes);
    const line = lines[index];
    const typeOne = () => {
      // Typing at the end of one's own run with the same formatting adds exactly one Yjs item: the character.
      const clock = Y.getState(writer.doc.store, writer.doc.clientID);
      const now = performance.now();
      sentAt.set(`${writer.doc.clientID}:${clock}`, now);
      sentAtMonotonic.set(`${writer.doc.clientID}:${clock}`, monotonicMs());
      if (writer.onAcknowledged) pending.push(now);
      line.text.insert(line.end, "x", writer.typedAttributes);
      line.end += 1;
      updatesSent += 1;
      timers.push(setTimeout(typeOne, randomBetween(KEYSTROKE_INTERVAL_MS.min, KEYSTROKE_INTERVAL_MS.max)));
    };
    timers.push(setTimeout(typeOne, randomBetween(0, KEYSTROKE_INTERVAL_MS.max)));
  }
  for (const client of clients) {
    const moveCaret = () => {
      client.awareness.setLocalStateField("cursor", { anchor: Math.floor(Math.random() * 1_000), head: Math.floor(Math.random() * 1_000) });
      timers.push(setTimeout(moveCaret, CARET_INTERVAL_MS));
    };
    timers.push(setTimeout(moveCaret, randomBetween(0, CARET_INTERVAL_MS)));
  }

  await new Promise((resolve) => setTimeout(resolve, durationMs));
  for (const timer of timers) clearTimeout(timer);
  // Let what is in flight arrive, so the slowest keystrokes count rather than vanish.
  await waitFor(() => sentAt.size === 0, { timeoutMs: 30_000, message: "the last keystrokes" }).catch(() => undefined);
  observer.doc.off("update", onObserved);
  const lost = sentAt.size;
  for (let index = 0; index < lost; index += 1) propagation.push(Number.POSITIVE_INFINITY);

  const arrivedAtWatcher = watcherArrivals ? await watcherArrivals() : null;
  return {
    propagation: summarise(propagation),
    ...(arrivedAtWatcher ? { propagationToWatcher: summarise([...sentAtMonotonic].map(([key, sent]) => (arrivedAtWatcher[key] ?? Number.POSITIVE_INFINITY) - sent)) } : {}),
    acknowledgement: writers.some((writer) => writer.onAcknowledged) ? summarise(acknowledgement) : null,
    updatesSent,
    updateBytes,
  };
}

type Line = { text: Y.XmlText; end: number };

/** Each typist adds a paragraph of its own at the end of the text. */
async function startOwnParagraphs(writers: TypingClient[], observer: TypingClient): Promise<Line[]> {
  const initialBlocks = observer.doc.getXmlFragment(DOCUMENT_FIELD).length;
  const lines = writers.map((writer, index) => {
    const label = `Typist ${index}: `;
    const text = new Y.XmlText();
    text.insert(0, label, writer.typedAttributes);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [text]);
    const body = writer.doc.getXmlFragment(DOCUMENT_FIELD);
    body.insert(body.length, [paragraph]);
    return { text, end: label.length };
  });
  const everyParagraph = initialBlocks + writers.length;
  await waitFor(() => [observer, ...writers].every((client) => client.doc.getXmlFragment(DOCUMENT_FIELD).length >= everyParagraph), { timeoutMs: 60_000, message: "the typists' paragraphs" });
  return lines;
}

/** Each typist starts typing in the middle of an existing paragraph, the paragraphs spread through the text. */
async function startInExistingParagraphs(writers: TypingClient[], observer: TypingClient): Promise<Line[]> {
  const lines = writers.map((writer, index) => {
    const paragraphs = writer.doc
      .getXmlFragment(DOCUMENT_FIELD)
      .toArray()
      .filter((block): block is Y.XmlElement => block instanceof Y.XmlElement && block.nodeName === "paragraph" && block.get(0) instanceof Y.XmlText && (block.get(0) as Y.XmlText).length >= 40);
    if (paragraphs.length < writers.length) throw new Error(`The text has ${paragraphs.length} paragraphs for ${writers.length} typists`);
    const text = paragraphs[Math.floor(((index + 0.5) * paragraphs.length) / writers.length)].get(0) as Y.XmlText;
    const label = ` Typist ${index}:`;
    const start = Math.floor(text.length / 2);
    text.insert(start, label, writer.typedAttributes);
    return { text, end: start + label.length };
  });
  const writtenUpTo = writers.map((writer) => [writer.doc.clientID, Y.getState(writer.doc.store, writer.doc.clientID)] as const);
  await waitFor(() => [observer, ...writers].every((client) => writtenUpTo.every(([clientId, clock]) => Y.getState(client.doc.store, clientId) >= clock)), { timeoutMs: 60_000, message: "the typists' first words" });
  return lines;
}

/** Calls back with how many updates the server acknowledged, each time the provider's unsaved count drops. */
export function acknowledgementsOf(provider: HocuspocusProvider) {
  return (listener: (count: number) => void) => {
    let previous = provider.unsyncedChanges;
    provider.on("unsyncedChanges", ({ number }: { number: number }) => {
      if (number < previous) listener(previous - number);
      previous = number;
    });
  };
}

function summarise(values: number[]) {
  return { p50: percentile(values, 50), p99: percentile(values, 99), samples: values.length };
}

export function percentile(values: number[], rank: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((rank / 100) * sorted.length) - 1)];
}

function randomBetween(min: number, max: number): number {
  return min + Math.random() * (max - min);
}
