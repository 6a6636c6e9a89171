import { spawn } from "node:child_process";
import { createHistogram, performance, type RecordableHistogram } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import * as Y from "yjs";
import { documentSchema, yjsStateFromJson, type ProseMirrorJson } from "@/lib/documents/content";
import { memorandumDraft } from "@/lib/documents/memorandum-template";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import { buildDocx } from "@/lib/exports/build-docx";
import { buildPdf } from "@/lib/exports/build-pdf";
import type { ExportSource } from "@/lib/exports/read-source";
import { sampleMemorandum } from "@/lib/exports/fixtures/sample-text";
import { analyseDocx } from "@/lib/imports/read-docx";
import { ECONOMY_CODES } from "@/lib/organisations/catalogue";
import { createTestActor } from "@/lib/testing/actors";
import { closeClient, connectProvider, sessionCookieFor, startInProcessCollaboration, TEST_NEXTAUTH_SECRET, waitFor } from "@/lib/testing/collaboration";
import { createSqliteTestDatabase } from "@/lib/testing/database";
import { canonicalContentFromJson, digestOfContent } from "@/lib/versions/canonical-content";

/**
 * `npx tsx bench/exports.ts`: DOCX import, DOCX export and PDF export times for a 100-page MoU
 * (the sample MoU, with notes, a table and the region's scripts, repeated), and what each does to
 * collaboration on the same instance. A collaboration server runs in this process, as in
 * production, with five editors on a document: four type a character every 50 ms each (staggered,
 * so a keystroke every 12.5 ms and enough of them for the p99 not to be just the slowest of a
 * few dozen), and the fifth records when each arrives. The headline is the edit latency p99 while an operation runs
 * against the same with nothing running (ratio; the goal is ≤ 1.2 ×). The editors run in
 * this process too, so latency counts from when each keystroke was due, not from when a stalled
 * loop let it be sent: a person in a browser keeps typing while the server is busy. Secondary
 * figures: the main thread's own CPU time per run (which other load on the machine does not
 * stretch, unlike the latencies) and the event-loop delay meanwhile.
 *
 * The exports read the text as stored: a version's content string, and for the live text its
 * Yjs state (what lib/exports/export-source.ts hands the workers). The last row is a control: a
 * separate process at the lowest priority doing nothing but arithmetic for as long as a PDF
 * takes, which shows what any work on the second core costs the keystrokes on this machine.
 */

const PAGES = 100;
const CHARACTERS_PER_PAGE = 3_000;
const KEYSTROKE_INTERVAL_MS = 50;
const WRITERS = 4;
/** Each operation repeats, a pause apart, for at least this long (runs and pauses) and at least MIN_RUNS times. */
const WINDOW_MS = 6_000;
const MIN_RUNS = 3;
const PAUSE_BETWEEN_RUNS_MS = 500;
/** A run of "nothing": as long as a Word export takes. */
const IDLE_RUN_MS = 300;
const RESOLUTION_MS = 5;
const CONTROL_MS = 1_500;
/** The control's work: arithmetic only, no allocation, so no memory traffic or garbage collection. */
const ARITHMETIC = `const end = Date.now() + ${CONTROL_MS}; let sum = 0; while (Date.now() < end) { for (let i = 0; i < 10000; i++) sum += Math.sqrt(i); }`;

function hundredPageMemorandum(): ProseMirrorJson {
  const sample = sampleMemorandum();
  const content: ProseMirrorJson[] = [];
  let characters = 0;
  while (characters < PAGES * CHARACTERS_PER_PAGE) {
    for (const block of sample.content ?? []) {
      content.push(block);
      characters += documentSchema().nodeFromJSON(block).textContent.length;
    }
  }
  return { type: "doc", content };
}

const percentile = (values: number[], fraction: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? NaN;
};
const median = (values: number[]) => percentile(values, 0.5);

type Measured = { runs: number; milliseconds: number; mainThreadCpu: number; latencyP50: number; latencyP99: number; latencyMax: number; samples: number; loopDelayP99: number; loopDelayMax: number };

/**
 * Each writer types at the end of the first paragraph, a character every KEYSTROKE_INTERVAL_MS,
 * the writers staggered evenly within the interval; the reader notes when each character arrives,
 * by its Yjs id (client, clock).
 */
function startTyping(writers: HocuspocusProvider[], reader: HocuspocusProvider) {
  const dueAt = new Map<string, number>();
  const latencies: { dueAt: number; latency: number }[] = [];
  const writerIds = new Set(writers.map((writer) => writer.document.clientID));
  const handleUpdate = (update: Uint8Array) => {
    const now = performance.now();
    for (const struct of Y.decodeUpdate(update).structs) {
      if (!writerIds.has(struct.id.client)) continue;
      for (let clock = struct.id.clock; clock < struct.id.clock + struct.length; clock++) {
        const key = `${struct.id.client}:${clock}`;
        const due = dueAt.get(key);
        if (due === undefined) continue;
        latencies.push({ dueAt: due, latency: now - due });
        dueAt.delete(key);
      }
    }
  };
  reader.document.on("update", handleUpdate);
  const timers = writers.map((writer, index) => {
    const text = (writer.document.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const startedAt = performance.now() + (index * KEYSTROKE_INTERVAL_MS) / writers.length;
    let typed = 0;
    let timer: NodeJS.Timeout;
    // Catches up after a stall, each keystroke stamped with the time it was due.
    const type = () => {
      const now = performance.now();
      while (startedAt + typed * KEYSTROKE_INTERVAL_MS <= now) {
        dueAt.set(`${writer.document.clientID}:${Y.getState(writer.document.store, writer.document.clientID)}`, startedAt + typed * KEYSTROKE_INTERVAL_MS);
        text.insert(text.length, "x");
        typed++;
      }
      timer = setTimeout(type, startedAt + typed * KEYSTROKE_INTERVAL_MS - now);
    };
    // The first typist starts now: a delay of a hair below zero would make Node warn.
    timer = setTimeout(type, Math.max(0, startedAt - performance.now()));
    return () => clearTimeout(timer);
  });
  return {
    /** The latencies of keystrokes due between `from` and `to`. */
    between: (from: number, to: number) => latencies.filter((each) => each.dueAt >= from && each.dueAt < to).map((each) => each.latency),
    stop: async () => {
      for (const clear of timers) clear();
      await waitFor(() => dueAt.size === 0, { message: "the last keystrokes" });
      reader.document.off("update", handleUpdate);
    },
  };
}

/**
 * Records, in nanoseconds, how late a timer due every RESOLUTION_MS fires, until the returned
 * function is called (what monitorEventLoopDelay measures, but into a histogram that several runs
 * can share: that monitor cannot be paused between runs without counting the pause).
 */
function sampleEventLoopDelay(histogram: RecordableHistogram): () => void {
  let dueAt = performance.now() + RESOLUTION_MS;
  const tick = () => {
    const now = performance.now();
    histogram.record(Math.max(1, Math.round((now - dueAt) * 1e6)));
    dueAt = now + RESOLUTION_MS;
    timer = setTimeout(tick, RESOLUTION_MS);
  };
  let timer = setTimeout(tick, RESOLUTION_MS);
  return () => clearTimeout(timer);
}

async function main() {
  process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;
  const json = documentSchema().nodeFromJSON(hundredPageMemorandum()).toJSON();
  const digest = digestOfContent(canonicalContentFromJson(json));
  const source: ExportSource = {
    documentId: "bench",
    target: { id: "bench", kind: "MOU" },
    title: "Memorandum of Understanding (100 pages)",
    text: { content: JSON.stringify(json) },
    digest,
    version: { id: "bench-version", number: 1, name: "Benchmark", isCheckpoint: false, createdAt: new Date() },
    label: "Version 1 — Benchmark",
    readAt: new Date(),
  };
  const annex = { rounds: [], economies: ECONOMY_CODES, auditHead: null, verifyUrl: "https://accord.example/documents/bench/versions/bench-version/verify" };
  const characters = documentSchema().nodeFromJSON(json).textContent.length;

  const testDatabase = await createSqliteTestDatabase();
  const server = await startInProcessCollaboration();
  const delegates = await Promise.all(["AL", "BA", "XK", "ME", "RS"].slice(0, WRITERS + 1).map((organisationCode) => createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode })));
  const { id: documentId } = await testDatabase.database.document.create({
    data: { workingGroupId: testDatabase.workingGroupId, kind: "MOU", title: "Benchmark", yjsState: Buffer.from(yjsStateFromJson({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Typing: " }] }, ...(memorandumDraft().content ?? [])] })) },
    select: { id: true },
  });
  const [reader, ...writers] = await Promise.all(delegates.map(async (delegate) => connectProvider({ url: server.url, documentId, cookie: await sessionCookieFor(testDatabase.database, delegate.id) })));
  await waitFor(() => [reader, ...writers].every((provider) => provider.isSynced), { message: "the editors synced" });

  // Warm-up: module loading and the workers' start are paid once per process, not per operation.
  const liveSource: ExportSource = { ...source, text: { yjsParts: [yjsStateFromJson(json)] }, digest: null, version: null, label: "Live text" };
  const { bytes: docx } = await buildDocx({ source });
  await analyseDocx({ bytes: new Uint8Array(docx), fileName: "bench.docx" });
  await buildPdf({ source: { ...source, text: { content: JSON.stringify(sampleMemorandum()) } }, annex });

  let pdfBytes = 0;
  const operations: Record<string, (() => Promise<unknown>) | null> = {
    "Nothing (idle)": null,
    "DOCX export (a version)": () => buildDocx({ source }),
    "DOCX export (the live text)": () => buildDocx({ source: liveSource }),
    "DOCX import (reading the file)": () => analyseDocx({ bytes: new Uint8Array(docx), fileName: "bench.docx" }),
    "PDF export (tagged)": async () => (pdfBytes = (await buildPdf({ source, annex })).bytes.length),
    [`Control: arithmetic for ${CONTROL_MS} ms in a process at nice 19`]: () =>
      new Promise((resolve, reject) => spawn("nice", ["-n", "19", process.execPath, "-e", ARITHMETIC]).on("exit", resolve).on("error", reject)),
  };
  const typing = startTyping(writers, reader);
  const results: Record<string, Measured> = {};
  try {
    await sleep(1_000);
    // Round after round, one run of each operation in turn (idle included), so that the machine's
    // drift (other load, a noisy neighbour of this virtual machine) falls on all of them alike.
    const measurements = Object.entries(operations).map(([name, operation]) => ({
      name,
      operation,
      runs: [] as { from: number; to: number }[],
      // CPU time of the main thread alone (not the workers'), which the machine's other load does not stretch.
      cpuMilliseconds: 0,
      // The event loop's delay during the operation's runs.
      histogram: createHistogram(),
    }));
    const isDone = ({ runs }: (typeof measurements)[number]) =>
      runs.length >= MIN_RUNS && runs.reduce((total, run) => total + (run.to - run.from) + PAUSE_BETWEEN_RUNS_MS, 0) >= WINDOW_MS;
    while (!measurements.every(isDone)) {
      for (const measurement of measurements.filter((each) => !isDone(each))) {
        const stopSampling = sampleEventLoopDelay(measurement.histogram);
        const from = performance.now();
        const cpuAtStart = process.threadCpuUsage();
        if (measurement.operation) await measurement.operation();
        else await sleep(IDLE_RUN_MS);
        const cpu = process.threadCpuUsage(cpuAtStart);
        measurement.cpuMilliseconds += (cpu.user + cpu.system) / 1000;
        measurement.runs.push({ from, to: performance.now() });
        // The sampling timer records a stall only when it next runs: let it run once more.
        await sleep(RESOLUTION_MS * 4);
        stopSampling();
        // As separate requests would: a pause lets the keystrokes queued meanwhile through before the next run.
        await sleep(PAUSE_BETWEEN_RUNS_MS);
      }
    }
    // Keystrokes due during the last runs arrive after them: wait for them before reading.
    await sleep(1_000);
    for (const { name, operation, runs, cpuMilliseconds, histogram } of measurements) {
      // The keystrokes due during one of the operation's runs.
      const latencies = runs.flatMap((run) => typing.between(run.from, run.to));
      results[name] = {
        runs: operation ? runs.length : 0,
        milliseconds: median(runs.map((run) => run.to - run.from)),
        mainThreadCpu: cpuMilliseconds / runs.length,
        latencyP50: percentile(latencies, 0.5),
        latencyP99: percentile(latencies, 0.99),
        latencyMax: Math.max(...latencies),
        samples: latencies.length,
        loopDelayP99: histogram.percentile(99) / 1e6,
        loopDelayMax: histogram.max / 1e6,
      };
      console.log(`  ${name}: ${latencies.length} keystrokes, p99 ${results[name].latencyP99.toFixed(1)} ms`);
    }
  } finally {
    await typing.stop().catch(() => undefined);
    for (const provider of [reader, ...writers]) closeClient(provider);
    await server.close();
    await testDatabase.drop();
  }

  const idle = results["Nothing (idle)"]!;
  console.log(
    `\nExports of a ${PAGES}-page MoU (${characters.toLocaleString("en")} characters; DOCX ${(docx.length / 1024).toFixed(0)} KB, PDF ${(pdfBytes / 1024).toFixed(0)} KB), ` +
      `each repeated for ${WINDOW_MS / 1000} s (at least ${MIN_RUNS} runs, ${PAUSE_BETWEEN_RUNS_MS} ms apart, the operations taking turns run by run) while ${WRITERS} editors each type a character every ${KEYSTROKE_INTERVAL_MS} ms to another through the collaboration server in the same process`,
  );
  console.log(`Idle: edit latency p50 ${idle.latencyP50.toFixed(1)} ms, p99 ${idle.latencyP99.toFixed(1)} ms (${idle.samples} keystrokes); event loop p99 ${idle.loopDelayP99.toFixed(1)} ms`);
  console.log("| Operation | Time (ms, median) | Edit latency p99 meanwhile (ms) | Ratio to idle p99 | Longest edit latency (ms) | Main-thread CPU per run (ms) | Event-loop delay p99 / longest (ms) |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const [name, figures] of Object.entries(results)) {
    const time = figures.runs ? `${figures.milliseconds.toFixed(0)} (${figures.runs} runs)` : "—";
    console.log(
      `| ${name} | ${time} | ${figures.latencyP99.toFixed(1)} | ${(figures.latencyP99 / idle.latencyP99).toFixed(2)} | ${figures.latencyMax.toFixed(0)} | ${figures.mainThreadCpu.toFixed(0)} | ${figures.loopDelayP99.toFixed(1)} / ${figures.loopDelayMax.toFixed(0)} |`,
    );
  }
  console.log(`(Idle: main-thread CPU per ${IDLE_RUN_MS} ms spent relaying and storing the keystrokes, which every row includes.)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
