import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// Chosen once in the main process; workers inherit them through the environment.
process.env.E2E_PORT ??= String(3100 + Math.floor(Math.random() * 800));
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "accord-e2e-"));

const port = Number(process.env.E2E_PORT);
const isDevServer = process.env.E2E_MODE === "dev";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: true,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  // A budget per test, not a speed claim: two or three browsers on a 2-core machine (speed lives in npm run bench).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    },
  },
  projects: [
    { name: "chromium", testIgnore: /audit-tamper\.spec\.ts/ },
    // Alters the shared database from another process: alone, once every other test has finished. Selecting
    // its file runs every other test first; `--no-deps` runs it alone.
    { name: "tampering, after the others", testMatch: /audit-tamper\.spec\.ts/, dependencies: ["chromium"] },
  ],
  webServer: {
    command: isDevServer ? "npx tsx server/index.ts" : "npm start",
    url: `http://localhost:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    env: {
      PORT: String(port),
      DATABASE_URL: `file:${path.join(process.env.E2E_DATA_DIR, "e2e.db")}`,
      ACCORD_DEMO_DATA: "true",
      // Tests may play a reverse proxy (X-Forwarded-For/-Proto); without those headers the socket address counts.
      ACCORD_TRUSTED_PROXIES: "1",
      NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
