import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { yjsStateFromJson, type ProseMirrorJson } from "@/lib/documents/content";
import { createTestActor } from "@/lib/testing/actors";
import {
  appendParagraph,
  bodyText,
  closeClient,
  connectProvider,
  findFreePort,
  sessionCookieFor,
  startCollaborationProcess,
  TEST_NEXTAUTH_SECRET,
  waitFor,
} from "@/lib/testing/collaboration";
import { createSqliteTestDatabase } from "@/lib/testing/database";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import { memorandumDraft } from "@/lib/documents/memorandum-template";

/**
 * `npm run bench`: Accord's collaboration server (session auth, policy, append-before-ack
 * persistence to SQLite) against a bare y-websocket relay, on loopback, in one run. Both servers run
 * as their own processes; all clients run in this one. Bounded to well under three minutes.
 */

const LATENCY_EDITORS = [2, 10, 50];
const LATENCY_EDITS = 60;
const THROUGHPUT_WRITERS = 10;
const THROUGHPUT_UPDATES_PER_WRITER = 150;
const MEMORY_DOCUMENTS = 20;
const LOAD_REPEATS = 5;
const MOU_PAGES = 100;
/** A printed page of treaty text: about 3,000 characters. */
const CHARACTERS_PER_PAGE = 3_000;
const TIME_LIMIT_MS = 170_000;

type Client = { doc: Y.Doc; isSynced: () => boolean; destroy: () => void };
type Target = {
  name: string;
  url: string;
  pid: number;
  connect: (documentId: string, clientIndex: number) => Client;
};
type Figures = {
  latency: Record<number, { p50: number; p99: number }>;
  updatesPerSecond: number;
  memoryPerDocumentMb: number;
  loadMs: number;
};

async function main() {
  const startedAt = Date.now();
  const deadline = setTimeout(() => {
    console.error(`Benchmark exceeded ${TIME_LIMIT_MS / 1000} s; aborting.`);
    process.exit(1);
  }, TIME_LIMIT_MS);
  deadline.unref();
  process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;
  // y-websocket's provider registers a process "exit" listener per client; 50 clients are expected here.
  process.setMaxListeners(200);

  const seedDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "accord-bench-"));
  const testDatabase = await createSqliteTestDatabase();
  const { database, workingGroupId } = testDatabase;

  const mou = hundredPageMemorandum();
  const mouState = yjsStateFromJson(mou);
  const draftState = yjsStateFromJson(memorandumDraft());
  const mouText = plainText(mouState);

  async function createDocument(state: Uint8Array): Promise<string> {
    const { id } = await database.document.create({ data: { workingGroupId, kind: "MOU", title: "Benchmark", yjsState: Buffer.from(state) }, select: { id: true } });
    fs.writeFileSync(path.join(seedDirectory, `${id}.bin`), state);
    return id;
  }
  const latencyDocuments = new Map<number, string>();
  for (const editors of LATENCY_EDITORS) latencyDocuments.set(editors, await createDocument(draftState));
  const throughputDocument = await createDocument(draftState);
  const memoryDocuments = await Promise.all(Array.from({ length: MEMORY_DOCUMENTS }, () => createDocument(mouState)));
  const loadDocuments = await Promise.all(Array.from({ length: LOAD_REPEATS }, () => createDocument(mouState)));

  const delegates = await Promise.all(["AL", "BA", "XK", "ME", "MK", "RS"].map((organisationCode) => createTestActor(database, { role: "DELEGATE", organisationCode })));
  const cookies = await Promise.all(Array.from({ length: 64 }, (_, index) => sessionCookieFor(database, delegates[index % delegates.length].id)));

  console.log("Starting servers…");
  const ours = await startCollaborationProcess({ databaseUrl: testDatabase.url, env: { NODE_ENV: "production" } });
  const baseline = await startBaseline(seedDirectory);
  const targets: Target[] = [
    {
      name: "Accord",
      url: ours.url,
      pid: ours.process.pid!,
      connect: (documentId, clientIndex) => {
        const provider = connectProvider({ url: ours.url, documentId, cookie: cookies[clientIndex % cookies.length] });
        return { doc: provider.document, isSynced: () => provider.isSynced, destroy: () => closeClient(provider) };
      },
    },
    {
      name: "Baseline",
      url: baseline.url,
      pid: baseline.process.pid!,
      connect: (documentId) => {
        const doc = new Y.Doc();
        // disableBc: in one process, BroadcastChannel would let clients skip the server.
        const provider = new WebsocketProvider(baseline.url, documentId, doc, { WebSocketPolyfill: WebSocket as never, disableBc: true });
        return { doc, isSynced: () => provider.synced, destroy: () => provider.destroy() };
      },
    },
  ];

  const results: Record<string, Figures> = {};
  try {
    for (const target of targets) {
      console.log(`Measuring ${target.name}…`);
      const latency: Figures["latency"] = {};
      for (const editors of LATENCY_EDITORS) latency[editors] = await measureLatency(target, latencyDocuments.get(editors)!, editors);
      const updatesPerSecond = await measureThroughput(target, throughputDocument);
      await sleep(2_500);
      const memoryPerDocumentMb = await measureMemory(target, memoryDocuments);
      const loadMs = await measureLoad(target, loadDocuments, mouText.length);
      results[target.name] = { latency, updatesPerSecond, memoryPerDocumentMb, loadMs };
    }
  } finally {
    await ours.kill();
    baseline.process.kill("SIGTERM");
    await testDatabase.drop();
    fs.rmSync(seedDirectory, { recursive: true, force: true });
  }

  printReport(results, { mouCharacters: mouText.length, mouStateBytes: mouState.length, seconds: (Date.now() - startedAt) / 1000 });
  fs.mkdirSync(path.join(import.meta.dirname, "results"), { recursive: true });
  fs.writeFileSync(path.join(import.meta.dirname, "results", `${new Date().toISOString().replace(/[:.]/g, "-")}.json`), JSON.stringify({ machine: machine(), results }, null, 2));
  process.exit(0);
}

/** Edit-to-screen time between two editors while `editors - 2` others sit in the document. */
async function measureLatency(target: Target, documentId: string, editors: number) {
  const clients = Array.from({ length: editors }, (_, index) => target.connect(documentId, index));
  await waitFor(() => clients.every((client) => client.isSynced()), { timeoutMs: 30_000, message: `${editors} clients to sync` });
  const [writer, reader] = clients;
  const latencies: number[] = [];
  for (let edit = -5; edit < LATENCY_EDITS; edit += 1) {
    const marker = `latency-${editors}-${edit}`;
    const seen = new Promise<number>((resolve) => {
      const handle = () => {
        if (lastParagraph(reader.doc) !== marker) return;
        reader.doc.off("update", handle);
        resolve(performance.now());
      };
      reader.doc.on("update", handle);
    });
    const sentAt = performance.now();
    appendParagraph(writer.doc, marker);
    const seenAt = await seen;
    if (edit >= 0) latencies.push(seenAt - sentAt);
    await sleep(5);
  }
  for (const client of clients) client.destroy();
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Updates per second, from the first send to the last one reaching an observing client. */
async function measureThroughput(target: Target, documentId: string): Promise<number> {
  const writers = Array.from({ length: THROUGHPUT_WRITERS }, (_, index) => target.connect(documentId, index));
  const observer = target.connect(documentId, THROUGHPUT_WRITERS);
  await waitFor(() => [...writers, observer].every((client) => client.isSynced()), { timeoutMs: 30_000, message: "throughput clients to sync" });
  const initial = observer.doc.getXmlFragment(DOCUMENT_FIELD).length;
  const expected = initial + THROUGHPUT_WRITERS * THROUGHPUT_UPDATES_PER_WRITER;
  const startedAt = performance.now();
  for (let update = 0; update < THROUGHPUT_UPDATES_PER_WRITER; update += 1) {
    writers.forEach((writer, index) => appendParagraph(writer.doc, `writer ${index} update ${update}`));
  }
  await waitFor(() => observer.doc.getXmlFragment(DOCUMENT_FIELD).length >= expected, { timeoutMs: 90_000, message: "all updates to arrive" });
  const seconds = (performance.now() - startedAt) / 1000;
  for (const client of [...writers, observer]) client.destroy();
  return (THROUGHPUT_WRITERS * THROUGHPUT_UPDATES_PER_WRITER) / seconds;
}

/** Growth of the server's resident memory per open 100-page document (one client each). */
async function measureMemory(target: Target, documentIds: string[]): Promise<number> {
  const before = residentMegabytes(target.pid);
  const clients = documentIds.map((documentId, index) => target.connect(documentId, index));
  await waitFor(() => clients.every((client) => client.isSynced()), { timeoutMs: 60_000, message: "memory documents to open" });
  await sleep(1_500);
  const after = residentMegabytes(target.pid);
  for (const client of clients) client.destroy();
  await sleep(2_500);
  return (after - before) / documentIds.length;
}

/** Median time from opening a connection to having the whole 100-page MoU, loaded cold by the server. */
async function measureLoad(target: Target, documentIds: string[], expectedCharacters: number): Promise<number> {
  const times: number[] = [];
  for (const documentId of documentIds) {
    const startedAt = performance.now();
    const client = target.connect(documentId, 0);
    await waitFor(() => client.isSynced(), { timeoutMs: 30_000, message: "the MoU to load" });
    times.push(performance.now() - startedAt);
    const characters = bodyText(client.doc).replace(/\n/g, "").length;
    if (Math.abs(characters - expectedCharacters) > expectedCharacters * 0.05) throw new Error(`Loaded ${characters} characters, expected about ${expectedCharacters}`);
    client.destroy();
  }
  return percentile(times, 50);
}

/** The Albanian draft's articles repeated and renumbered until the text fills about 100 pages. */
function hundredPageMemorandum(): ProseMirrorJson {
  const draft = memorandumDraft();
  const content: ProseMirrorJson[] = [];
  let characters = 0;
  for (let part = 1; characters < MOU_PAGES * CHARACTERS_PER_PAGE; part += 1) {
    content.push({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: `Part ${part}` }] });
    for (const block of draft.content ?? []) {
      content.push(block);
      characters += JSON.stringify(block).match(/"text":"((?:[^"\\]|\\.)*)"/g)?.join("").length ?? 0;
    }
  }
  return { type: "doc", content };
}

async function startBaseline(seedDirectory: string): Promise<{ url: string; process: ChildProcess }> {
  const port = await findFreePort();
  const root = path.resolve(import.meta.dirname, "..");
  const child = spawn(path.join(root, "node_modules", ".bin", "node"), ["--import", "tsx", path.join(root, "bench", "baseline-server.ts")], {
    cwd: root,
    env: { ...process.env, PORT: String(port), BENCH_SEED_DIRECTORY: seedDirectory },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitFor(
    async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/health`)).ok;
      } catch {
        return false;
      }
    },
    { timeoutMs: 30_000, message: "baseline to start" },
  );
  return { url: `ws://127.0.0.1:${port}`, process: child };
}

function residentMegabytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kilobytes / 1024;
}

function lastParagraph(doc: Y.Doc): string | null {
  const body = doc.getXmlFragment(DOCUMENT_FIELD);
  const last = body.get(body.length - 1);
  return last instanceof Y.XmlElement ? last.toArray().map((child) => child.toString()).join("") : null;
}

function plainText(state: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return bodyText(doc).replace(/\n/g, "");
}

function percentile(values: number[], rank: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((rank / 100) * sorted.length) - 1)];
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? "unknown CPU"} × ${cpus.length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

function printReport(results: Record<string, Figures>, { mouCharacters, mouStateBytes, seconds }: { mouCharacters: number; mouStateBytes: number; seconds: number }) {
  const ours = results.Accord;
  const base = results.Baseline;
  const rows: [string, string, string, number][] = [];
  for (const editors of LATENCY_EDITORS) {
    rows.push([`Edit latency p50, ${editors} editors (ms)`, ours.latency[editors].p50.toFixed(1), base.latency[editors].p50.toFixed(1), ours.latency[editors].p50 / base.latency[editors].p50]);
    rows.push([`Edit latency p99, ${editors} editors (ms)`, ours.latency[editors].p99.toFixed(1), base.latency[editors].p99.toFixed(1), ours.latency[editors].p99 / base.latency[editors].p99]);
  }
  rows.push([`Sustained updates/s (${THROUGHPUT_WRITERS} writers)`, ours.updatesPerSecond.toFixed(0), base.updatesPerSecond.toFixed(0), ours.updatesPerSecond / base.updatesPerSecond]);
  rows.push([`Server memory per open ${MOU_PAGES}-page document (MB)`, ours.memoryPerDocumentMb.toFixed(2), base.memoryPerDocumentMb.toFixed(2), ours.memoryPerDocumentMb / base.memoryPerDocumentMb]);
  rows.push([`Load ${MOU_PAGES}-page MoU to a synced client (ms)`, ours.loadMs.toFixed(1), base.loadMs.toFixed(1), ours.loadMs / base.loadMs]);

  const widths = [52, 10, 10, 8];
  const line = (cells: string[]) => cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index]) : cell.padStart(widths[index]))).join("  ");
  console.log("");
  console.log("Accord collaboration benchmark (loopback)");
  console.log(`Machine: ${machine()}`);
  console.log(`Accord: session auth, policy, every update appended to SQLite before it is acknowledged. Baseline: bare y-websocket relay, in memory.`);
  console.log(`MoU: ${MOU_PAGES} pages, ${mouCharacters.toLocaleString("en")} characters, Yjs state ${(mouStateBytes / 1024).toFixed(0)} KB`);
  console.log("");
  console.log(line(["Figure", "Accord", "Baseline", "Ratio"]));
  for (const [label, oursValue, baseValue, ratio] of rows) console.log(line([label, oursValue, baseValue, Number.isFinite(ratio) ? ratio.toFixed(2) : "n/a"]));
  console.log("");
  console.log(`Ratio is Accord / baseline (for updates/s, below 1 means Accord is slower). Run took ${seconds.toFixed(0)} s.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
