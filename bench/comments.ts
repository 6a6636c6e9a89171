import os from "node:os";
import * as Y from "yjs";
import { actorFromCookieHeader } from "@/lib/auth/session";
import { findThreadAnchors } from "@/lib/comments/anchors";
import { createThread } from "@/lib/comments/create-thread";
import { findThreads } from "@/lib/comments/find-threads";
import { getThread } from "@/lib/comments/get-thread";
import { replyToThread } from "@/lib/comments/reply-to-thread";
import { summariseThreadsByEconomy } from "@/lib/comments/summarise-by-economy";
import { anchorCacheStatistics } from "@/lib/comments/anchor-cache";
import { yjsStateFromJson, type ProseMirrorJson } from "@/lib/documents/content";
import { loadDocumentState } from "@/lib/documents/live-state";
import { memorandumDraft } from "@/lib/documents/memorandum-template";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import type { Actor } from "@/lib/policy";
import { openDocumentEventStream } from "@/lib/realtime/open-document-event-stream";
import { createTestActor } from "@/lib/testing/actors";
import { sessionCookieFor, TEST_NEXTAUTH_SECRET } from "@/lib/testing/collaboration";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";

/**
 * `npx tsx bench/comments.ts`: the server CPU one comment event costs with 1, 10 and 30 comments
 * panels open on the 100-page MoU (SQLite, in one process). Each panel is a real event stream
 * (lib/realtime/open-document-event-stream.ts); where a panel makes a request on an event, it does
 * what the route would do — authenticate its session cookie, run the lib verbs, serialise the JSON
 * answer — so `process.cpuUsage()` from the reply until every panel has what it needs is the
 * server's whole cost of the event (the database runs in this process too; reading the frames,
 * the only client work here, is a few microseconds). Measured in one run:
 * - before: every panel refetched the whole list and the server decoded the document each time
 *   (reproduced with today's verbs);
 * - now, with the live text: the event brings the thread to every panel, loaded once; no request;
 * - now, without it (before the editor has loaded): the panel fetches the one thread, anchors
 *   placed by the server from the cache.
 * Someone types before each event (not measured), so each event finds a new revision of the text:
 * the cache's worst case. The reply alone (no panel open) is the floor.
 */

const PANELS = [1, 10, 30];
const EVENTS = 5;
const THREADS = 60;
const MOU_PAGES = 100;
/** A printed page of treaty text: about 3,000 characters. */
const CHARACTERS_PER_PAGE = 3_000;
const TIME_LIMIT_MS = 300_000;

/** The request one open panel makes when an event reaches it, given its session cookie. */
type Panel = (cookie: string) => Promise<unknown>;
/** `panelFor` gives the panel's work for the thread an event names; null: no panel is open. */
type Variant = { name: string; panelFor: ((threadId: string) => Panel) | null };

async function main() {
  const deadline = setTimeout(() => {
    console.error(`Benchmark exceeded ${TIME_LIMIT_MS / 1000} s; aborting.`);
    process.exit(1);
  }, TIME_LIMIT_MS);
  deadline.unref();
  process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;
  const startedAt = Date.now();

  const testDatabase = await createSqliteTestDatabase();
  const { database, workingGroupId } = testDatabase;
  const secretariat = await createTestActor(database, { role: "SECRETARIAT", organisationCode: "RCC" });
  const delegates = await Promise.all(["AL", "BA", "XK", "ME", "MK", "RS"].map((organisationCode) => createTestActor(database, { role: "DELEGATE", organisationCode })));
  const observer = await createTestActor(database, { role: "OBSERVER", organisationCode: "EC" });
  const readers = [...delegates, observer, secretariat];
  const cookies = await Promise.all(Array.from({ length: Math.max(...PANELS) }, (_, index) => sessionCookieFor(database, readers[index % readers.length]!.id)));

  const { documentId, threadIds, editor, stateBytes } = await seedDiscussedMemorandum(testDatabase, workingGroupId, delegates);
  console.log(`MoU: ${MOU_PAGES} pages, Yjs state ${(stateBytes / 1024).toFixed(0)} KB, ${THREADS} threads with their anchors in the text`);

  let directDecodes = 0;
  /** What GET /api/documents/:id/threads did before: the whole list, the document decoded for its anchors. */
  const refetchEverything: Panel = async (cookie) => {
    const actor = await signedIn(cookie);
    const [threads, live, summary] = await Promise.all([
      findThreads({ actor, documentId, anchors: "client" }),
      loadDocumentState(documentId),
      summariseThreadsByEconomy({ actor, documentId }),
    ]);
    directDecodes += 1;
    return JSON.stringify({ threads, anchors: [...findThreadAnchors(live!.state)], summary });
  };
  /** What GET /api/documents/:id/threads/:threadId does, for a panel whose editor has not loaded the text yet. */
  const fetchOneThread =
    (threadId: string): Panel =>
    async (cookie) => {
      const actor = await signedIn(cookie);
      const [thread, summary] = await Promise.all([getThread({ actor, documentId, threadId }), summariseThreadsByEconomy({ actor, documentId })]);
      return JSON.stringify({ thread, summary });
    };
  /** A panel holding the live text: the event brought the thread, nothing to ask. */
  const noRequest: Panel = async () => {};

  const results: { variant: string; panels: number; cpuMs: number; wallMs: number; decodes: number }[] = [];
  let event = 0;

  async function measure(variant: Variant, panels: number) {
    const cpu: number[] = [];
    const wall: number[] = [];
    let decodes = 0;
    const abort = new AbortController();
    // The handler of the event under way; each open panel runs it when the event reaches its stream.
    let current: { panel: Panel | null; answered: number; done: () => void } = { panel: null, answered: 0, done: () => {} };
    const streams = await Promise.all(
      Array.from({ length: variant.panelFor ? panels : 0 }, (_, index) =>
        openDocumentEventStream({ actor: readers[index % readers.length]!, documentId, cookieHeader: cookies[index], signal: abort.signal, keepAliveMilliseconds: TIME_LIMIT_MS }),
      ),
    );
    const readersDone = streams.map(async (stream, index) => {
      for await (const name of eventNames(stream)) {
        if (name !== "thread" || !current.panel) continue;
        await current.panel(cookies[index]!);
        if (++current.answered === streams.length) current.done();
      }
    });
    // One warm-up event, then the measured ones.
    for (let round = 0; round <= EVENTS; round++) {
      event += 1;
      const threadId = threadIds[event % threadIds.length]!;
      await typeAndStore(testDatabase, documentId, editor, `${event} `);
      const allAnswered = new Promise<void>((resolve) => {
        current = { panel: variant.panelFor?.(threadId) ?? null, answered: 0, done: resolve };
        if (streams.length === 0) resolve();
      });
      const decodesBefore = anchorCacheStatistics.decodes + directDecodes;
      const cpuBefore = process.cpuUsage();
      const wallBefore = performance.now();
      await replyToThread({ actor: delegates[event % delegates.length]!, threadId, body: `Reply ${event}.` });
      await allAnswered;
      const used = process.cpuUsage(cpuBefore);
      if (round === 0) continue;
      cpu.push((used.user + used.system) / 1000);
      wall.push(performance.now() - wallBefore);
      decodes += anchorCacheStatistics.decodes + directDecodes - decodesBefore;
    }
    abort.abort();
    await Promise.all(readersDone);
    results.push({ variant: variant.name, panels, cpuMs: median(cpu), wallMs: median(wall), decodes: decodes / EVENTS });
  }

  const variants: Variant[] = [
    { name: "Before: every panel refetches the list, document decoded per fetch", panelFor: () => refetchEverything },
    { name: "Now, panel holding the live text: the event brings the thread, no request", panelFor: () => noRequest },
    { name: "Now, panel without the live text yet: fetches the one thread, anchors from the cache", panelFor: fetchOneThread },
  ];
  console.log("Measuring the reply alone…");
  await measure({ name: "The reply alone, no panel open", panelFor: null }, 0);
  for (const variant of variants) {
    for (const panels of PANELS) {
      console.log(`Measuring ${panels} panel${panels === 1 ? "" : "s"}: ${variant.name}…`);
      await measure(variant, panels);
    }
  }

  printReport(results, (Date.now() - startedAt) / 1000);
  await testDatabase.drop();
}

async function signedIn(cookie: string): Promise<Actor> {
  const actor = await actorFromCookieHeader(cookie);
  if (!actor) throw new Error("The benchmark's session was not accepted");
  return actor;
}

/** The names of the server-sent events a stream delivers, until it ends. */
async function* eventNames(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    buffer += decoder.decode(chunk.value, { stream: true });
    for (let boundary = buffer.indexOf("\n\n"); boundary >= 0; boundary = buffer.indexOf("\n\n")) {
      const name = /^event: (.*)$/m.exec(buffer.slice(0, boundary))?.[1];
      buffer = buffer.slice(boundary + 2);
      if (name) yield name;
    }
  }
}

/**
 * The 100-page MoU (the memorandum's articles repeated in parts) with THREADS threads opened by the
 * delegations on passages spread through it, their anchors in the stored text as the editors left them.
 */
async function seedDiscussedMemorandum(testDatabase: TestDatabase, workingGroupId: string, delegates: Actor[]) {
  const { id: documentId } = await testDatabase.database.document.create({ data: { workingGroupId, kind: "MOU", title: "Benchmark MoU" }, select: { id: true } });
  const threadIds: string[] = [];
  for (let index = 0; index < THREADS; index++) {
    const thread = await createThread({ actor: delegates[index % delegates.length]!, documentId, kind: "REMARK", quote: "the passage", body: `Point ${index + 1}.` });
    threadIds.push(thread.id);
  }
  const draft = memorandumDraft();
  const blocks: ProseMirrorJson[] = [];
  let characters = 0;
  for (let part = 1; characters < MOU_PAGES * CHARACTERS_PER_PAGE; part += 1) {
    blocks.push({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: `Part ${part}` }] });
    for (const block of draft.content ?? []) {
      blocks.push(structuredClone(block));
      characters += JSON.stringify(block).match(/"text":"((?:[^"\\]|\\.)*)"/g)?.join("").length ?? 0;
    }
  }
  // Each thread's mark on the first run of text of a paragraph, spread evenly through the document.
  const paragraphs = blocks.filter((block) => block.type === "paragraph" && block.content?.[0]?.type === "text");
  threadIds.forEach((threadId, index) => {
    const run = paragraphs[Math.floor((index * paragraphs.length) / threadIds.length)]!.content![0]!;
    run.marks = [...(run.marks ?? []), { type: "comment", attrs: { threadId } }];
  });
  const state = yjsStateFromJson({ type: "doc", content: blocks });
  await testDatabase.database.document.update({ where: { id: documentId }, data: { yjsState: Buffer.from(state) } });
  const editor = new Y.Doc();
  Y.applyUpdate(editor, state);
  return { documentId, threadIds, editor, stateBytes: state.byteLength };
}

/** Someone types at the start of the document; the update goes to the log as the collaboration server stores it. */
async function typeAndStore(testDatabase: TestDatabase, documentId: string, editor: Y.Doc, text: string) {
  const before = Y.encodeStateVector(editor);
  const firstBlock = editor.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement;
  (firstBlock.get(0) as Y.XmlText).insert(0, text);
  await testDatabase.database.documentUpdate.create({ data: { documentId, update: Buffer.from(Y.encodeStateAsUpdate(editor, before)), userId: null } });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function printReport(results: { variant: string; panels: number; cpuMs: number; wallMs: number; decodes: number }[], seconds: number) {
  const cpus = os.cpus();
  console.log("");
  console.log(`Machine: ${cpus[0]?.model ?? "unknown CPU"} × ${cpus.length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}, SQLite`);
  console.log(`Server CPU per comment event (median of ${EVENTS} events), ${seconds.toFixed(0)} s in all:`);
  const floor = results.find((result) => result.panels === 0)!;
  console.log(`  ${floor.variant}: ${floor.cpuMs.toFixed(1)} ms CPU, ${floor.wallMs.toFixed(1)} ms`);
  const before = (panels: number) => results.find((result) => result.variant.startsWith("Before") && result.panels === panels)!;
  for (const variant of new Set(results.filter((result) => result.panels > 0).map((result) => result.variant))) {
    console.log(`  ${variant}`);
    const rows = results.filter((result) => result.variant === variant);
    for (const row of rows) {
      const versusBefore = row.variant.startsWith("Before") ? "" : `, ${(row.cpuMs / before(row.panels).cpuMs).toFixed(3)}× before`;
      console.log(
        `    ${String(row.panels).padStart(2)} panels: ${row.cpuMs.toFixed(1).padStart(8)} ms CPU, ${row.wallMs.toFixed(1).padStart(8)} ms until every panel has it, ${row.decodes.toFixed(1)} decodes${versusBefore}`,
      );
    }
    const [first, last] = [rows[0]!, rows.at(-1)!];
    console.log(`    ${last.panels} panels ÷ ${first.panels}: ${(last.cpuMs / first.cpuMs).toFixed(2)}× (goal ≤ 1.5×)`);
  }
}

main().then(
  // Redis-free, but the database client and timers would keep the process alive a while.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
