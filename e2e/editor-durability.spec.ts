import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { request as playwrightRequest, type Browser } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { DEMO, signIn } from "./fixtures/accounts";
import { createTestDocument, documentText, focusEndOfDocument, saveStatus, uniqueTitle } from "./fixtures/editor";

/**
 * These tests kill the server with SIGKILL, so they run their own Accord process (Next.js and the
 * collaboration websocket, as `npm start` runs it) on their own port and database, never the
 * shared E2E server.
 */
test.skip(process.env.E2E_MODE === "dev", "Needs the production build: a second `next dev` cannot share .next with the suite's dev server.");
test.describe.configure({ mode: "serial", timeout: 180_000 });

// Playwright runs from the repository root.
const root = process.cwd();
const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "accord-e2e-durability-"));
let port = 0;
let server: ChildProcess | null = null;
let serverOutput = "";

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port: free } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(free));
    });
  });
}

async function isAnswering(): Promise<boolean> {
  try {
    return (await fetch(`http://localhost:${port}/api/health`)).ok;
  } catch {
    return false;
  }
}

async function startServer(): Promise<void> {
  // Its own process group, so SIGKILL reaches the Node process behind tsx too.
  server = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["server/index.ts"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: `file:${path.join(dataDirectory, "durability.db")}`,
      ACCORD_DEMO_DATA: "true",
      NEXTAUTH_SECRET: "e2e-durability-secret-e2e-durability-secret",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  server.stdout?.on("data", (chunk: Buffer) => (serverOutput += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (serverOutput += chunk.toString()));
  await expect.poll(isAnswering, { timeout: 90_000, message: `server on port ${port} to start:\n${serverOutput}` }).toBe(true);
}

async function killServer(): Promise<void> {
  if (!server?.pid) return;
  process.kill(-server.pid, "SIGKILL");
  server = null;
  await expect.poll(isAnswering, { timeout: 10_000 }).toBe(false);
}

async function openDocumentAs(browser: Browser, email: string, documentId: string) {
  const context = await browser.newContext({ baseURL: `http://localhost:${port}` });
  const page = await context.newPage();
  await signIn(page, email);
  await page.goto(`/documents/${documentId}`);
  return page;
}

async function createDocumentOnOwnServer(title: string): Promise<string> {
  const request = await playwrightRequest.newContext({ baseURL: `http://localhost:${port}` });
  try {
    return await createTestDocument(request, { title });
  } finally {
    await request.dispose();
  }
}

test.beforeAll(async () => {
  port = await findFreePort();
  await startServer();
});

test.afterAll(async () => {
  await killServer();
  fs.rmSync(dataDirectory, { recursive: true, force: true });
});

test("text shown as saved survives the server being killed with SIGKILL", async ({ browser }) => {
  const documentId = await createDocumentOnOwnServer(uniqueTitle("Durability"));
  const albania = await openDocumentAs(browser, DEMO.al, documentId);
  await focusEndOfDocument(albania);
  const sentence = `Each Participant shall designate a contact point (${Date.now()}).`;
  await albania.keyboard.type(sentence);
  await expect(saveStatus(albania)).toHaveText("Saved");
  // The browser goes away first, so nothing can be re-sent from it after the restart.
  await albania.context().close();

  await killServer();
  await startServer();

  const serbia = await openDocumentAs(browser, DEMO.rs, documentId);
  await expect(saveStatus(serbia)).toHaveText("Saved");
  expect(await documentText(serbia)).toBe(sentence);
  await serbia.context().close();
});

test("with the server down the delegate keeps writing, is warned before closing, and the edits arrive when it is back", async ({ browser }) => {
  const documentId = await createDocumentOnOwnServer(uniqueTitle("Server down"));
  const albania = await openDocumentAs(browser, DEMO.al, documentId);
  await expect(saveStatus(albania)).toHaveText("Saved");

  await killServer();
  await expect(saveStatus(albania)).toHaveText("Offline — changes kept on this device");
  await focusEndOfDocument(albania);
  await albania.keyboard.type("Written while the server was down.");

  // Closing the tab now would strand the edit on this device: the browser asks first.
  const dialog = albania.waitForEvent("dialog");
  await albania.close({ runBeforeUnload: true });
  const warning = await dialog;
  expect(warning.type()).toBe("beforeunload");
  await warning.dismiss();
  expect(albania.isClosed()).toBe(false);

  await startServer();
  await expect(saveStatus(albania)).toHaveText("Saved", { timeout: 20_000 });
  const serbia = await openDocumentAs(browser, DEMO.rs, documentId);
  await expect.poll(() => documentText(serbia)).toBe("Written while the server was down.");
  await albania.context().close();
  await serbia.context().close();
});
