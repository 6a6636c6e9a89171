import { fork, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { yjsStateFromJson } from "@/lib/documents/content";
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
  type ServerProcess,
} from "@/lib/testing/collaboration";
import { createPostgresTestDatabase, createSqliteTestDatabase } from "@/lib/testing/database";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import { memorandumDraft } from "@/lib/documents/memorandum-template";
import { acknowledgementsOf, CARET_INTERVAL_MS, measureTyping, percentile, type TypingClient, type TypingFigures } from "./typing-scenario";
import type { CrowdMessage, CrowdRates, CrowdRequest } from "./caret-crowd";
import type { WatcherMessage, WatcherRequest } from "./watcher";
import { hundredPageMemorandum, MOU_PAGES } from "./hundred-pages";
import { startDelayProxy } from "./delay-proxy";
import { heapAfterCollection, inspectorOption } from "./heap";

/**
 * `npm run bench`: Accord's collaboration server (session auth, policy, append-before-ack
 * persistence to SQLite) against a bare y-websocket relay, on loopback, in one run. Both servers run
 * as their own processes; all clients run in this one. Bounded to well under three minutes.
 */

/** Everyone typing (3–5 characters a second, carets at 2 Hz), at each of these sizes. */
const ALL_TYPING = [2, 10, 20, 30, 50, 100];
/** Ten typing, everyone else moving carets, at each of these numbers connected. */
/** `BENCH_CONNECTED=300` measures only that size of the mixed scenarios. */
const MIXED_CONNECTED = process.env.BENCH_CONNECTED ? process.env.BENCH_CONNECTED.split(",").map(Number) : [50, 100, 200, 300];
/** `BENCH_TYPISTS=50` types with fifty of those connected instead of ten. */
const MIXED_TYPISTS = Number(process.env.BENCH_TYPISTS ?? 10);
const TYPING_DURATION_MS = 6_000;
/** Ten people typing into the 100-page MoU for this long, to measure bytes written per byte received. */
const AMPLIFICATION_DURATION_MS = 30_000;
const PROPAGATION_GOAL_MS = 100;
/** Round trip added between Accord and PostgreSQL, for "Saved" against a slow database. */
const DATABASE_DELAYS_MS = [0, 25, 100];
const THROUGHPUT_WRITERS = [10, 50];
const THROUGHPUT_UPDATES = 1_500;
const MEMORY_DOCUMENTS = 20;
const LOAD_REPEATS = 5;
const TIME_LIMIT_MS = 15 * 60_000;

/**
 * `BENCH_SCENARIOS=mixed,postgres-saved npm run bench` (or `npx tsx bench/collaboration.ts`) runs only
 * those scenarios; unset, all of them. Comparisons of a setting against its previous value run in the
 * same run, beside the default: `mixed` also without the caret budget, and
 * `postgres-saved` also with one commit at a time. `mixed` runs the editors who only move carets in
 * a process of their own (bench/caret-crowd.ts); `mixed-inline` runs every client in this process,
 * as the benchmark did before, to show how much of the figure is the benchmark's own event loop.
 */
const SCENARIOS = ["all-typing", "mixed", "mixed-inline", "throughput", "amplification", "memory", "load", "postgres-saved", "postgres-throughput"] as const;
type Scenario = (typeof SCENARIOS)[number];
const selectedScenarios = new Set<Scenario>(
  process.env.BENCH_SCENARIOS
    ? process.env.BENCH_SCENARIOS.split(",").map((name) => {
        const scenario = SCENARIOS.find((known) => known === name.trim());
        if (!scenario) throw new Error(`Unknown scenario "${name}" in BENCH_SCENARIOS; known: ${SCENARIOS.join(", ")}`);
        return scenario;
      })
    : SCENARIOS,
);
const isSelected = (scenario: Scenario) => selectedScenarios.has(scenario);
/**
 * The server's settings compared in the same run: carets within a budget of states a second
 * (default) against carets merged per window without one (the previous default).
 */
const NO_CARET_BUDGET = { ACCORD_COLLAB_CARET_STATES_PER_SECOND: String(Number.MAX_SAFE_INTEGER) };
const COMPARISON = "Accord, carets without a budget";
/** And overlapping commits on PostgreSQL (default) against one at a time. */
const SERIAL_COMMITS = { ACCORD_COLLAB_COMMITS_IN_FLIGHT: "1" };

type Target = {
  name: string;
  url: string;
  pid: number;
  /** Where the server's inspector listens, for its heap after a full collection (bench/heap.ts); the memory scenario needs it. */
  inspectorPort?: number;
  connect: (documentId: string, clientIndex: number) => TypingClient;
  /** How a caret-only client connects from the crowd's own process (bench/caret-crowd.ts). */
  crowd: Pick<CrowdRequest, "kind" | "url" | "cookies">;
};
type Figures = {
  allTyping: Record<number, TypingFigures>;
  mixed: Record<number, TypingFigures>;
  mixedInline: Record<number, TypingFigures>;
  updatesPerSecond: Record<number, number>;
  amplification?: { updateBytes: number; writtenBytes: number };
  memory?: MemoryFigures;
  loadMs?: number;
};

async function main() {
  const startedAt = Date.now();
  const deadline = setTimeout(() => {
    console.error(`Benchmark exceeded ${TIME_LIMIT_MS / 1000} s; aborting.`);
    process.exit(1);
  }, TIME_LIMIT_MS);
  deadline.unref();
  process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;
  // y-websocket's provider registers a process "exit" listener per client; up to 300 (mixed-inline) are expected here.
  process.setMaxListeners(MIXED_CONNECTED.at(-1)! + 100);

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
  const typingDocuments = new Map<string, string>();
  for (const editors of ALL_TYPING) typingDocuments.set(`all-${editors}`, await createDocument(draftState));
  // Created before the servers start: SQLite refuses writes from this process while a server commits.
  for (const scenario of ["mixed", "mixed-inline"] as const) {
    for (const connected of isSelected(scenario) ? MIXED_CONNECTED : []) {
      for (const variant of ["", "unbatched-"]) typingDocuments.set(`${scenario}-${variant}${connected}`, await createDocument(draftState));
    }
  }
  const amplificationDocument = await createDocument(mouState);
  const throughputDocuments = new Map<number, string>();
  for (const writers of THROUGHPUT_WRITERS) throughputDocuments.set(writers, await createDocument(draftState));
  const memoryDocuments = await Promise.all(Array.from({ length: MEMORY_DOCUMENTS }, () => createDocument(mouState)));
  const loadDocuments = await Promise.all(Array.from({ length: LOAD_REPEATS }, () => createDocument(mouState)));

  const delegates = await Promise.all(["AL", "BA", "XK", "ME", "MK", "RS"].map((organisationCode) => createTestActor(database, { role: "DELEGATE", organisationCode })));
  const cookies = await Promise.all(Array.from({ length: 64 }, (_, index) => sessionCookieFor(database, delegates[index % delegates.length].id)));

  console.log("Starting servers…");
  const [oursInspector, baselineInspector] = [await findFreePort(), await findFreePort()];
  const ours = await startCollaborationProcess({ databaseUrl: testDatabase.url, env: { NODE_ENV: "production", NODE_OPTIONS: inspectorOption(oursInspector) } });
  const oursUnbatched = isSelected("mixed") || isSelected("mixed-inline") ? await startCollaborationProcess({ databaseUrl: testDatabase.url, env: { NODE_ENV: "production", ...NO_CARET_BUDGET } }) : null;
  const baseline = await startBaseline(seedDirectory, baselineInspector);
  const targets: Target[] = [
    accordTarget("Accord", ours, cookies, oursInspector),
    ...(oursUnbatched ? [accordTarget(COMPARISON, oursUnbatched, cookies)] : []),
    {
      name: "Baseline",
      url: baseline.url,
      pid: baseline.process.pid!,
      inspectorPort: baselineInspector,
      connect: (documentId) => {
        const doc = new Y.Doc();
        // disableBc: in one process, BroadcastChannel would let clients skip the server.
        const provider = new WebsocketProvider(baseline.url, documentId, doc, { WebSocketPolyfill: WebSocket as never, disableBc: true });
        return { doc, awareness: provider.awareness, isSynced: () => provider.synced, destroy: () => provider.destroy() };
      },
      crowd: { kind: "relay", url: baseline.url, cookies: [] },
    },
  ];

  const results: Record<string, Figures> = {};
  try {
    for (const target of targets) {
      console.log(`Measuring ${target.name}…`);
      const isComparison = target.name === COMPARISON;
      const allTyping: Figures["allTyping"] = {};
      for (const editors of isSelected("all-typing") && !isComparison ? ALL_TYPING : []) {
        allTyping[editors] = await runTyping(target, typingDocuments.get(`all-${editors}`)!, { connected: editors, typists: editors });
        console.log(`  ${editors} typing: propagation p50 ${allTyping[editors].propagation.p50.toFixed(1)} ms, p99 ${allTyping[editors].propagation.p99.toFixed(1)} ms`);
      }
      const updatesPerSecond: Figures["updatesPerSecond"] = {};
      for (const writers of isSelected("throughput") && !isComparison ? THROUGHPUT_WRITERS : []) updatesPerSecond[writers] = await measureThroughput(target, throughputDocuments.get(writers)!, writers);
      const amplification = target.name === "Accord" && isSelected("amplification") ? await measureAmplification(target, amplificationDocument) : undefined;
      const memory = isSelected("memory") && !isComparison ? (await sleep(2_500), await measureMemory(target, memoryDocuments)) : undefined;
      const loadMs = isSelected("load") && !isComparison ? await measureLoad(target, loadDocuments, mouText.length) : undefined;
      results[target.name] = { allTyping, mixed: {}, mixedInline: {}, updatesPerSecond, amplification, memory, loadMs };
    }
    // Size by size, every target in turn: the machine's load changes over minutes, so the figures
    // compared with each other are measured as close together as possible.
    for (const [scenario, key, where] of [["mixed", "mixed", "carets apart"], ["mixed-inline", "mixedInline", "all clients here"]] as const) {
      for (const connected of isSelected(scenario) ? MIXED_CONNECTED : []) {
        for (const target of targets) {
          const isComparison = target.name === COMPARISON;
          const figures = await runTyping(target, typingDocuments.get(`${scenario}-${isComparison ? "unbatched-" : ""}${connected}`)!, { connected, typists: MIXED_TYPISTS, isCrowdApart: scenario === "mixed" });
          results[target.name][key][connected] = figures;
          console.log(`  ${target.name}, ${MIXED_TYPISTS} typing of ${connected} (${where}): propagation p50 ${figures.propagation.p50.toFixed(1)} ms, p99 ${figures.propagation.p99.toFixed(1)} ms`);
        }
      }
    }
  } finally {
    await ours.kill();
    await oursUnbatched?.kill();
    baseline.process.kill("SIGTERM");
    await testDatabase.drop();
    fs.rmSync(seedDirectory, { recursive: true, force: true });
  }

  const postgres = isSelected("postgres-saved") || isSelected("postgres-throughput") ? (console.log("Measuring Accord on PostgreSQL…"), await measurePostgres(draftState)) : null;

  printReport(results, { mouCharacters: mouText.length, mouStateBytes: mouState.length, seconds: (Date.now() - startedAt) / 1000 });
  if (postgres) printPostgresReport(postgres, results.Baseline);
  fs.mkdirSync(path.join(import.meta.dirname, "results"), { recursive: true });
  fs.writeFileSync(path.join(import.meta.dirname, "results", `${new Date().toISOString().replace(/[:.]/g, "-")}.json`), JSON.stringify({ machine: machine(), results, postgres }, null, 2));
  process.exit(0);
}

type PostgresFigures = { typing: Record<number, TypingFigures>; serialTyping: Record<number, TypingFigures>; updatesPerSecond: Record<number, number> };

/** A target for an Accord server process; its clients are HocuspocusProviders with the delegates' session cookies. */
function accordTarget(name: string, server: ServerProcess, cookies: string[], inspectorPort?: number): Target {
  return {
    name,
    url: server.url,
    pid: server.process.pid!,
    inspectorPort,
    connect: (documentId, clientIndex) => {
      const provider = connectProvider({ url: server.url, documentId, cookie: cookies[clientIndex % cookies.length] });
      return { doc: provider.document, awareness: provider.awareness!, isSynced: () => provider.isSynced, onAcknowledged: acknowledgementsOf(provider), destroy: () => closeClient(provider) };
    },
    crowd: { kind: "accord", url: server.url, cookies },
  };
}

/**
 * Accord on PostgreSQL: ten people typing with 0, 25 and 100 ms of added round trip to the
 * database (a delaying TCP proxy), for "Saved" against a slow database, with overlapping commits
 * (the default) and with one commit at a time beside it; and the sustained rate.
 */
async function measurePostgres(draftState: Uint8Array): Promise<PostgresFigures> {
  const database = await createPostgresTestDatabase();
  const figures: PostgresFigures = { typing: {}, serialTyping: {}, updatesPerSecond: {} };
  try {
    const delegates = await Promise.all(["AL", "BA", "XK", "ME", "MK", "RS"].map((organisationCode) => createTestActor(database.database, { role: "DELEGATE", organisationCode })));
    const cookies = await Promise.all(Array.from({ length: 64 }, (_, index) => sessionCookieFor(database.database, delegates[index % delegates.length].id)));
    const newDocument = async () =>
      (await database.database.document.create({ data: { workingGroupId: database.workingGroupId, kind: "MOU", title: "Benchmark", yjsState: Buffer.from(draftState) }, select: { id: true } })).id;
    const address = new URL(database.url);
    for (const delayMs of DATABASE_DELAYS_MS) {
      const proxy = delayMs ? await startDelayProxy({ target: { host: address.hostname, port: Number(address.port || 5432) }, delayMs }) : null;
      const databaseUrl = proxy ? database.url.replace(address.host, `127.0.0.1:${proxy.port}`) : database.url;
      try {
        for (const isSerial of isSelected("postgres-saved") ? [true, false] : [false]) {
          const server = await startCollaborationProcess({ databaseUrl, env: { NODE_ENV: "production", ...(isSerial ? SERIAL_COMMITS : {}) } });
          const target = accordTarget(`Accord, PostgreSQL +${delayMs} ms${isSerial ? ", one commit at a time" : ""}`, server, cookies);
          try {
            if (isSelected("postgres-saved")) {
              const typing = await runTyping(target, await newDocument(), { connected: MIXED_TYPISTS, typists: MIXED_TYPISTS });
              (isSerial ? figures.serialTyping : figures.typing)[delayMs] = typing;
              console.log(`  +${delayMs} ms${isSerial ? ", one commit at a time" : ""}: "Saved" p50 ${typing.acknowledgement!.p50.toFixed(1)} ms, p99 ${typing.acknowledgement!.p99.toFixed(1)} ms`);
            }
            if (delayMs === 0 && !isSerial && isSelected("postgres-throughput")) {
              for (const writers of THROUGHPUT_WRITERS) figures.updatesPerSecond[writers] = await measureThroughput(target, await newDocument(), writers);
            }
          } finally {
            await server.kill();
          }
        }
      } finally {
        await proxy?.close();
      }
    }
  } finally {
    await database.drop();
  }
  return figures;
}

/**
 * One typing scenario on a fresh document: `connected` clients, `typists` of them typing, plus an
 * observer. With `isCrowdApart`, the clients who only move carets run in a process of their own.
 */
async function runTyping(target: Target, documentId: string, { connected, typists, isCrowdApart = false }: { connected: number; typists: number; isCrowdApart?: boolean }): Promise<TypingFigures> {
  const crowdSize = isCrowdApart ? connected - typists : 0;
  const crowd = crowdSize > 0 ? await startCrowd({ ...target.crowd, documentId, count: crowdSize, caretIntervalMs: CARET_INTERVAL_MS }) : null;
  const clients = Array.from({ length: connected - crowdSize }, (_, index) => target.connect(documentId, index));
  const observer = target.connect(documentId, connected);
  const watcher = await startWatcher({ kind: target.crowd.kind, url: target.crowd.url, documentId, cookie: target.crowd.cookies[connected % Math.max(1, target.crowd.cookies.length)] ?? "" });
  try {
    const figures = await measureTyping({ clients, observer, typists, durationMs: TYPING_DURATION_MS, watcherArrivals: watcher.arrivals });
    return crowd ? { ...figures, crowd: await crowd.stop() } : figures;
  } finally {
    for (const client of [...clients, observer]) client.destroy();
    await crowd?.stop();
    await sleep(1_000);
  }
}

/** Starts the watcher in its own process (bench/watcher.ts) and resolves once it has synced. */
async function startWatcher(request: WatcherRequest): Promise<{ arrivals: () => Promise<Record<string, number>> }> {
  const root = path.resolve(import.meta.dirname, "..");
  const child = fork(path.join(root, "bench", "watcher.ts"), [], { cwd: root, execArgv: ["--import", "tsx"], stdio: ["ignore", "ignore", "inherit", "ipc"] });
  await new Promise<void>((resolve, reject) => {
    child.once("message", (message: WatcherMessage) => (message.type === "ready" ? resolve() : reject(new Error(message.type === "failed" ? message.error : "watcher stopped before it was ready"))));
    child.once("exit", (code) => reject(new Error(`watcher exited with ${code}`)));
    child.send(request);
  });
  return {
    /** Ends the watcher; resolves with when each character reached it. */
    arrivals: () =>
      new Promise((resolve) => {
        child.on("message", (message: WatcherMessage) => message.type === "arrivals" && resolve(message.arrivals));
        child.send({ type: "report" });
      }),
  };
}

/** Starts the caret-only clients in a child process and resolves once all are synced and moving. */
async function startCrowd(request: CrowdRequest): Promise<{ stop: () => Promise<CrowdRates> }> {
  const root = path.resolve(import.meta.dirname, "..");
  const child = fork(path.join(root, "bench", "caret-crowd.ts"), [], { cwd: root, execArgv: ["--import", "tsx"], stdio: ["ignore", "ignore", "inherit", "ipc"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once("message", (message: CrowdMessage) => (message.type === "ready" ? resolve() : reject(new Error(message.type === "failed" ? message.error : "caret crowd stopped before it was ready"))));
    child.once("exit", (code) => reject(new Error(`caret crowd exited with ${code}`)));
    child.send(request);
  });
  let stopping: Promise<CrowdRates> | null = null;
  return {
    /** Stops the crowd (once, however often called); resolves with what each of its clients did a second. */
    stop: () =>
      (stopping ??= (async () => {
        const stopped = new Promise<CrowdRates>((resolve) => child.on("message", (message: CrowdMessage) => message.type === "stopped" && resolve(message.perClientPerSecond)));
        child.send({ type: "stop" });
        await exited;
        return stopped;
      })()),
  };
}

/** Updates per second, from the first send to the last one reaching an observing client. */
async function measureThroughput(target: Target, documentId: string, writerCount: number): Promise<number> {
  const writers = Array.from({ length: writerCount }, (_, index) => target.connect(documentId, index));
  const observer = target.connect(documentId, writerCount);
  await waitFor(() => [...writers, observer].every((client) => client.isSynced()), { timeoutMs: 60_000, message: "throughput clients to sync" });
  const initial = observer.doc.getXmlFragment(DOCUMENT_FIELD).length;
  const perWriter = Math.ceil(THROUGHPUT_UPDATES / writerCount);
  const expected = initial + writerCount * perWriter;
  const startedAt = performance.now();
  for (let update = 0; update < perWriter; update += 1) {
    writers.forEach((writer, index) => appendParagraph(writer.doc, `writer ${index} update ${update}`));
  }
  await waitFor(() => observer.doc.getXmlFragment(DOCUMENT_FIELD).length >= expected, { timeoutMs: 120_000, message: "all updates to arrive" });
  const seconds = (performance.now() - startedAt) / 1000;
  for (const client of [...writers, observer]) client.destroy();
  await sleep(1_000);
  return (writerCount * perWriter) / seconds;
}

/**
 * Bytes the server process wrote to storage (/proc/<pid>/io, so SQLite's journal, its pages,
 * compaction and the log all count) per byte of updates its clients sent, while ten people type
 * into the 100-page MoU, compaction included.
 */
async function measureAmplification(target: Target, documentId: string): Promise<{ updateBytes: number; writtenBytes: number }> {
  const clients = Array.from({ length: MIXED_TYPISTS }, (_, index) => target.connect(documentId, index));
  const observer = target.connect(documentId, MIXED_TYPISTS);
  await waitFor(() => [...clients, observer].every((client) => client.isSynced()), { timeoutMs: 60_000, message: "amplification clients to sync" });
  const before = writtenBytes(target.pid);
  try {
    const figures = await measureTyping({ clients, observer, typists: MIXED_TYPISTS, durationMs: AMPLIFICATION_DURATION_MS });
    // Everything acknowledged is written; leaving makes the server fold the log as it would after a session.
    for (const client of [...clients, observer]) client.destroy();
    await sleep(3_000);
    return { updateBytes: figures.updateBytes, writtenBytes: writtenBytes(target.pid) - before };
  } finally {
    for (const client of [...clients, observer]) client.destroy();
  }
}

function writtenBytes(pid: number): number {
  return Number(/write_bytes:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/io`, "utf8"))?.[1]);
}

type MemoryFigures = {
  /** Resident memory (RSS), as the system sees the process. */
  memoryPerDocumentMb: number;
  memoryAfterLeavingMb: number;
  memoryBeforeMb: number;
  /** The V8 heap in use after a full collection: what the process still holds. */
  heapPerDocumentMb: number;
  heapAfterLeavingMb: number;
  heapBeforeMb: number;
};

/** Growth of the server's memory per open 100-page document (one client each), and after everyone left. */
async function measureMemory(target: Target, documentIds: string[]): Promise<MemoryFigures> {
  const { inspectorPort } = target;
  if (inspectorPort === undefined) throw new Error(`${target.name} was started without its inspector`);
  const before = residentMegabytes(target.pid);
  const heapBefore = await heapAfterCollection(inspectorPort);
  const clients = documentIds.map((documentId, index) => target.connect(documentId, index));
  await waitFor(() => clients.every((client) => client.isSynced()), { timeoutMs: 60_000, message: "memory documents to open" });
  await sleep(1_500);
  const after = residentMegabytes(target.pid);
  const heapOpen = await heapAfterCollection(inspectorPort);
  for (const client of clients) client.destroy();
  await sleep(8_000);
  return {
    memoryPerDocumentMb: (after - before) / documentIds.length,
    memoryAfterLeavingMb: residentMegabytes(target.pid),
    memoryBeforeMb: before,
    heapPerDocumentMb: (heapOpen - heapBefore) / documentIds.length,
    heapAfterLeavingMb: await heapAfterCollection(inspectorPort),
    heapBeforeMb: heapBefore,
  };
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

async function startBaseline(seedDirectory: string, inspectorPort: number): Promise<{ url: string; process: ChildProcess }> {
  const port = await findFreePort();
  const root = path.resolve(import.meta.dirname, "..");
  const child = spawn(path.join(root, "node_modules", ".bin", "node"), ["--import", "tsx", path.join(root, "bench", "baseline-server.ts")], {
    cwd: root,
    env: { ...process.env, PORT: String(port), BENCH_SEED_DIRECTORY: seedDirectory, NODE_OPTIONS: inspectorOption(inspectorPort) },
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

function plainText(state: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return bodyText(doc).replace(/\n/g, "");
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? "unknown CPU"} × ${cpus.length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

function printPostgresReport(postgres: PostgresFigures, baseline: Figures | undefined) {
  console.log("");
  console.log("Accord on PostgreSQL (ten typing, 3–5 chars/s, carets at 2 Hz; added round trip to the database through a TCP proxy)");
  const describe = ({ propagation, acknowledgement }: TypingFigures) =>
    `propagation p50 ${propagation.p50.toFixed(1)} / p99 ${propagation.p99.toFixed(1)} ms; "Saved" p50 ${acknowledgement!.p50.toFixed(1)} / p99 ${acknowledgement!.p99.toFixed(1)} ms`;
  for (const delayMs of DATABASE_DELAYS_MS) {
    if (!postgres.typing[delayMs]) continue;
    const goal = delayMs ? ` (goal p99 ≤ ${4 * delayMs} ms)` : "";
    console.log(`  +${String(delayMs).padStart(3)} ms: ${describe(postgres.typing[delayMs])}${goal}`);
    const serial = postgres.serialTyping[delayMs];
    if (serial) console.log(`        one commit at a time: ${describe(serial)}`);
  }
  for (const writers of THROUGHPUT_WRITERS) {
    const rate = postgres.updatesPerSecond[writers];
    if (rate === undefined) continue;
    const relay = baseline?.updatesPerSecond[writers];
    console.log(`  Sustained updates/s, ${writers} writers: ${rate.toFixed(0)}${relay ? ` (relay ${relay.toFixed(0)}, ratio ${(rate / relay).toFixed(2)}; goal ≥ 0.5)` : ""}`);
  }
}

function printReport(results: Record<string, Figures>, { mouCharacters, mouStateBytes, seconds }: { mouCharacters: number; mouStateBytes: number; seconds: number }) {
  const ours = results.Accord;
  const base = results.Baseline;
  const rows: [string, string, string, number][] = [];
  const milliseconds = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "lost");
  const propagationRows = (label: string, accord: TypingFigures, relay: TypingFigures) => {
    rows.push([`${label}: propagation p50 (ms)`, milliseconds(accord.propagation.p50), milliseconds(relay.propagation.p50), accord.propagation.p50 / relay.propagation.p50]);
    rows.push([`${label}: propagation p99 (ms)`, milliseconds(accord.propagation.p99), milliseconds(relay.propagation.p99), accord.propagation.p99 / relay.propagation.p99]);
    if (accord.propagationToWatcher && relay.propagationToWatcher) {
      rows.push([`  to a watcher in its own process: p50 (ms)`, milliseconds(accord.propagationToWatcher.p50), milliseconds(relay.propagationToWatcher.p50), accord.propagationToWatcher.p50 / relay.propagationToWatcher.p50]);
      rows.push([`  to a watcher in its own process: p99 (ms)`, milliseconds(accord.propagationToWatcher.p99), milliseconds(relay.propagationToWatcher.p99), accord.propagationToWatcher.p99 / relay.propagationToWatcher.p99]);
    }
    // Below the intended rate, the crowd's process fell behind and the server carried less than the scenario says;
    // what each crowd editor received shows the carets really went out to everyone.
    if (accord.crowd && relay.crowd) {
      rows.push([`${label}: carets moved per crowd editor a second (goal ${(1000 / CARET_INTERVAL_MS).toFixed(1)})`, accord.crowd.caretsMoved.toFixed(2), relay.crowd.caretsMoved.toFixed(2), Number.NaN]);
      rows.push([`${label}: KB received per crowd editor a second`, accord.crowd.kilobytesReceived.toFixed(1), relay.crowd.kilobytesReceived.toFixed(1), Number.NaN]);
    }
  };
  const unbatched = results[COMPARISON];
  const allTypingSizes = ALL_TYPING.filter((editors) => ours.allTyping[editors]);
  for (const editors of allTypingSizes) propagationRows(`${editors} all typing`, ours.allTyping[editors], base.allTyping[editors]);
  for (const [key, where] of [["mixed", "carets apart"], ["mixedInline", "all clients here"]] as const) {
    for (const connected of MIXED_CONNECTED.filter((size) => ours[key][size])) {
      propagationRows(`${MIXED_TYPISTS} typing of ${connected} (${where})`, ours[key][connected], base[key][connected]);
      // The same server without the caret budget (the previous default), beside the relay.
      if (unbatched?.[key][connected]) propagationRows(`  same, carets without a budget`, unbatched[key][connected], base[key][connected]);
    }
  }
  for (const editors of allTypingSizes) {
    const acknowledgement = ours.allTyping[editors].acknowledgement;
    if (acknowledgement) rows.push([`${editors} all typing: "Saved" p50 / p99 (ms)`, `${milliseconds(acknowledgement.p50)} / ${milliseconds(acknowledgement.p99)}`, "–", Number.NaN]);
  }
  for (const writers of THROUGHPUT_WRITERS.filter((size) => ours.updatesPerSecond[size] !== undefined)) {
    rows.push([`Sustained updates/s (${writers} writers)`, ours.updatesPerSecond[writers].toFixed(0), base.updatesPerSecond[writers].toFixed(0), ours.updatesPerSecond[writers] / base.updatesPerSecond[writers]]);
  }
  if (ours.amplification) {
    const { updateBytes, writtenBytes: written } = ours.amplification;
    rows.push([`Bytes written per update byte (10 typing, ${AMPLIFICATION_DURATION_MS / 1000} s, MoU)`, (written / updateBytes).toFixed(1), "–", Number.NaN]);
  }
  if (ours.memory && base.memory) {
    rows.push([`Server memory per open ${MOU_PAGES}-page document (MB)`, ours.memory.memoryPerDocumentMb.toFixed(2), base.memory.memoryPerDocumentMb.toFixed(2), ours.memory.memoryPerDocumentMb / base.memory.memoryPerDocumentMb]);
    rows.push([`Server memory after everyone left / before (MB)`, `${ours.memory.memoryAfterLeavingMb.toFixed(0)} / ${ours.memory.memoryBeforeMb.toFixed(0)}`, `${base.memory.memoryAfterLeavingMb.toFixed(0)} / ${base.memory.memoryBeforeMb.toFixed(0)}`, Number.NaN]);
    rows.push([`Server heap per open ${MOU_PAGES}-page document (MB, after a full GC)`, ours.memory.heapPerDocumentMb.toFixed(2), base.memory.heapPerDocumentMb.toFixed(2), ours.memory.heapPerDocumentMb / base.memory.heapPerDocumentMb]);
    rows.push([`Server heap after everyone left / before (MB, after a full GC)`, `${ours.memory.heapAfterLeavingMb.toFixed(1)} / ${ours.memory.heapBeforeMb.toFixed(1)}`, `${base.memory.heapAfterLeavingMb.toFixed(1)} / ${base.memory.heapBeforeMb.toFixed(1)}`, Number.NaN]);
  }
  if (ours.loadMs !== undefined && base.loadMs !== undefined) rows.push([`Load ${MOU_PAGES}-page MoU to a synced client (ms)`, ours.loadMs.toFixed(1), base.loadMs.toFixed(1), ours.loadMs / base.loadMs]);

  // The largest size below which every size keeps the goal too.
  const firstOverGoal = allTypingSizes.findIndex((editors) => ours.allTyping[editors].propagation.p99 >= PROPAGATION_GOAL_MS);
  const largestUnderGoal = firstOverGoal === -1 ? allTypingSizes.at(-1) : allTypingSizes[firstOverGoal - 1];
  const widths = [58, 16, 16, 8];
  const line = (cells: string[]) => cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index]) : cell.padStart(widths[index]))).join("  ");
  console.log("");
  console.log("Accord collaboration benchmark (loopback)");
  console.log(`Machine: ${machine()}`);
  console.log("Accord: session auth, policy, update checks, every update committed to SQLite before it is acknowledged. Baseline: bare y-websocket relay, in memory.");
  console.log(`MoU: ${MOU_PAGES} pages, ${mouCharacters.toLocaleString("en")} characters, Yjs state ${(mouStateBytes / 1024).toFixed(0)} KB`);
  console.log("");
  console.log(line(["Figure", "Accord", "Baseline", "Ratio"]));
  for (const [label, oursValue, baseValue, ratio] of rows) console.log(line([label, oursValue, baseValue, Number.isFinite(ratio) ? ratio.toFixed(2) : ""]));
  console.log("");
  if (allTypingSizes.length) console.log(`Largest all-typing size with propagation p99 under ${PROPAGATION_GOAL_MS} ms: ${largestUnderGoal ?? "none"} (Accord).`);
  console.log(`Ratio is Accord / baseline (for updates/s, below 1 means Accord is slower). Run took ${seconds.toFixed(0)} s.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
