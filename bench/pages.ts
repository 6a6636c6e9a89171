import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { createDatabase } from "@/lib/db";
import { yjsStateFromJson } from "@/lib/documents/content";
import { findFreePort, waitFor } from "@/lib/testing/collaboration";
import { hundredPageMemorandum } from "./hundred-pages";
import { percentile } from "./typing-scenario";

/**
 * `npm run bench` (after `npm run build`): what a delegate waits for in Chromium, cold cache, on
 * loopback, against the production build with the demo data. Largest Contentful Paint of the
 * editor page and of /progress, and the time until the 100-page MoU is editable (the editor holds
 * its text and accepts typing). The baseline, measured in the same run, is the sign-in page: the
 * same server and framework with nothing of Accord's own to load.
 */

const REPEATS = 5;
const SECRETARIAT = "secretariat@accord.example";
const DEMO_PASSWORD = "accord-demo";
const LCP_GOAL_MS = 1_000;
const EDITABLE_GOAL_MS = 1_500;

async function main() {
  const root = path.resolve(import.meta.dirname, "..");
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.error("bench/pages.ts needs the production build: run `npm run build` first.");
    process.exit(1);
  }
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "accord-pages-"));
  const databaseUrl = `file:${path.join(dataDirectory, "accord.db")}`;
  const port = await findFreePort();
  const baseUrl = `http://localhost:${port}`;
  const server = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["server/index.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_URL: databaseUrl, ACCORD_DEMO_DATA: "true", NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret-1234", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let browser: Browser | undefined;
  try {
    await waitFor(async () => (await fetch(`${baseUrl}/api/health`).catch(() => null))?.ok ?? false, { timeoutMs: 120_000, message: "the app to start" });
    const database = createDatabase(databaseUrl);
    const demoMou = await database.document.findFirstOrThrow({ where: { kind: "MOU" }, orderBy: { createdAt: "asc" }, select: { id: true, workingGroupId: true } });
    const { id: longMouId } = await database.document.create({
      data: { workingGroupId: demoMou.workingGroupId, kind: "MOU", title: "Benchmark: the MoU at 100 pages", yjsState: Buffer.from(yjsStateFromJson(hundredPageMemorandum())) },
      select: { id: true },
    });
    await database.$disconnect();

    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
    const signedInState = await signedInStorage(browser, baseUrl);
    const measure = async (pathname: string, { signedIn, editable }: { signedIn: boolean; editable?: boolean }) => {
      const lcps: number[] = [];
      const editables: number[] = [];
      for (let run = 0; run <= REPEATS; run += 1) {
        // A new context each time: nothing cached but the session cookie.
        const context = await browser!.newContext(signedIn ? { storageState: signedInState } : {});
        const page = await context.newPage();
        await page.goto(`${baseUrl}${pathname}`, { waitUntil: "load" });
        if (editable) {
          await page.locator('.ProseMirror[contenteditable="true"]').filter({ hasText: "Part 1" }).waitFor({ timeout: 60_000 });
          const ready = await page.evaluate(() => performance.now());
          if (run > 0) editables.push(ready);
        }
        const lcp = await page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              new PerformanceObserver((entries) => resolve(entries.getEntries().at(-1)!.startTime)).observe({ type: "largest-contentful-paint", buffered: true });
            }),
        );
        // The first run warms the server (compiled routes, database pages), not the browser.
        if (run > 0) lcps.push(lcp);
        await context.close();
      }
      return { lcp: percentile(lcps, 50), editable: editables.length ? percentile(editables, 50) : null };
    };

    const baseline = await measure("/login", { signedIn: false });
    const editor = await measure(`/documents/${demoMou.id}`, { signedIn: true });
    const longEditor = await measure(`/documents/${longMouId}`, { signedIn: true, editable: true });
    const progress = await measure("/progress", { signedIn: true });

    const cpus = os.cpus();
    console.log("");
    console.log("Pages in Chromium (production build, loopback, cold cache, median of 5 after one warm-up)");
    console.log(`Machine: ${cpus[0]?.model ?? "unknown CPU"} × ${cpus.length} cores, Node ${process.version}`);
    const row = (label: string, value: number, goal: number) =>
      console.log(`${label.padEnd(52)} ${value.toFixed(0).padStart(6)} ms   baseline ${baseline.lcp.toFixed(0).padStart(5)} ms   ratio ${(value / baseline.lcp).toFixed(2)}   goal < ${goal} ms`);
    row("LCP, editor page (the demo MoU)", editor.lcp, LCP_GOAL_MS);
    row("LCP, editor page (the 100-page MoU)", longEditor.lcp, LCP_GOAL_MS);
    row("100-page MoU editable (from navigation)", longEditor.editable!, EDITABLE_GOAL_MS);
    row("LCP, /progress", progress.lcp, LCP_GOAL_MS);
    console.log(`Baseline: LCP of the sign-in page, ${baseline.lcp.toFixed(0)} ms.`);
  } finally {
    await browser?.close();
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  }
}

/** Signs the secretariat in once through the sign-in form's endpoint and keeps the cookie for every context. */
async function signedInStorage(browser: Browser, baseUrl: string) {
  const context = await browser.newContext();
  const { csrfToken } = await (await context.request.get(`${baseUrl}/api/auth/csrf`)).json();
  await context.request.post(`${baseUrl}/api/auth/callback/credentials`, { form: { csrfToken, email: SECRETARIAT, password: DEMO_PASSWORD, json: "true" }, maxRedirects: 0 });
  const state = await context.storageState();
  await context.close();
  return state;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
