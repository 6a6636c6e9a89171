import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { documentSchema, type ProseMirrorJson } from "@/lib/documents/content";
import { buildDocx } from "@/lib/exports/build-docx";
import { buildPdf } from "@/lib/exports/build-pdf";
import type { ExportSource } from "@/lib/exports/export-source";
import { sampleMemorandum } from "@/lib/exports/fixtures/sample-text";
import { analyseDocx } from "@/lib/imports/read-docx";
import { ECONOMY_CODES } from "@/lib/organisations/catalogue";
import { canonicalContentFromJson, digestOfContent } from "@/lib/versions/canonical-content";

/**
 * `npx tsx bench/exports.ts`: DOCX import, DOCX export and PDF export times for a 100-page MoU
 * (the sample MoU, with notes, a table and the region's scripts, repeated), and how much each
 * export delays the process's event loop, which every collaboration message waits on: the p99
 * of the event-loop delay while an export runs against the same with nothing running (ratio).
 * The event-loop delay stands in for edit latency: an edit is relayed only when the loop is free.
 */

const PAGES = 100;
const CHARACTERS_PER_PAGE = 3_000;
const RUNS = 3;

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

const RESOLUTION_MS = 5;

/** Runs the task and reports its time and the event loop's p99 and longest delay meanwhile (ms). */
async function measure(task: () => Promise<unknown>): Promise<{ milliseconds: number; loopDelayP99: number; loopDelayMax: number }> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const startedAt = performance.now();
  await task();
  const milliseconds = performance.now() - startedAt;
  // The sampling timer records a stall only when it next runs: a task that held the loop to its
  // end would otherwise be disabled before its stall is recorded (and show no delay at all).
  await sleep(RESOLUTION_MS * 4);
  histogram.disable();
  return { milliseconds, loopDelayP99: histogram.percentile(99) / 1e6, loopDelayMax: histogram.max / 1e6 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const json = documentSchema().nodeFromJSON(hundredPageMemorandum()).toJSON();
  const digest = digestOfContent(canonicalContentFromJson(json));
  const source: ExportSource = {
    documentId: "bench",
    target: { id: "bench", kind: "MOU" },
    title: "Memorandum of Understanding (100 pages)",
    json,
    digest,
    version: { id: "bench-version", number: 1, name: "Benchmark", isCheckpoint: false, createdAt: new Date() },
    label: "Version 1 — Benchmark",
    readAt: new Date(),
  };
  const annex = { rounds: [], economies: ECONOMY_CODES, auditHead: null, verifyUrl: "https://accord.example/documents/bench/versions/bench-version/verify" };
  const characters = documentSchema().nodeFromJSON(json).textContent.length;

  // Warm-up: module loading and the PDF worker's start are paid once per process, not per export.
  const docx = await buildDocx({ source });
  await analyseDocx({ bytes: new Uint8Array(docx), fileName: "bench.docx" });
  await buildPdf({ source: { ...source, json: sampleMemorandum() }, annex });

  type Measured = Awaited<ReturnType<typeof measure>>;
  const idle: Measured[] = [];
  const rows: Record<string, Measured[]> = { "DOCX export": [], "DOCX import": [], "PDF export": [] };
  let pdfBytes = 0;
  for (let run = 0; run < RUNS; run++) {
    idle.push(await measure(() => sleep(2_000)));
    rows["DOCX export"]!.push(await measure(() => buildDocx({ source })));
    rows["DOCX import"]!.push(await measure(() => analyseDocx({ bytes: new Uint8Array(docx), fileName: "bench.docx" })));
    rows["PDF export"]!.push(
      await measure(async () => {
        pdfBytes = (await buildPdf({ source, annex })).length;
      }),
    );
  }

  const idleP99 = median(idle.map((run) => run.loopDelayP99));
  console.log(`\nExports of a ${PAGES}-page MoU (${characters.toLocaleString("en")} characters; DOCX ${(docx.length / 1024).toFixed(0)} KB, PDF ${(pdfBytes / 1024).toFixed(0)} KB), median of ${RUNS} runs`);
  console.log(`Idle event loop: p99 ${idleP99.toFixed(1)} ms, longest ${median(idle.map((run) => run.loopDelayMax)).toFixed(1)} ms`);
  console.log("| Operation | Time (ms) | Event-loop delay p99 meanwhile (ms) | Ratio to idle p99 | Longest stall (ms) |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const [name, runs] of Object.entries(rows)) {
    const delay = median(runs.map((run) => run.loopDelayP99));
    console.log(`| ${name} | ${median(runs.map((run) => run.milliseconds)).toFixed(0)} | ${delay.toFixed(1)} | ${(delay / idleP99).toFixed(2)} | ${median(runs.map((run) => run.loopDelayMax)).toFixed(0)} |`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
