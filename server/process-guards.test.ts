import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { findFreePort } from "@/lib/testing/collaboration";

const root = path.resolve(import.meta.dirname, "..");

/**
 * Starts the real server (websocket and /api/health, no Next.js) on a fresh SQLite database in a
 * child process, lets `fault` run once it listens, and reports how the process ended.
 */
async function runServerThatFails(fault: string): Promise<{ status: number | null; output: string; port: number }> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "accord-guards-"));
  const port = await findFreePort();
  const script = path.join(directory, "failing-server.mts");
  fs.writeFileSync(
    script,
    `import { startAccordServer } from ${JSON.stringify(path.join(root, "server", "accord-server.ts"))};
     const server = await startAccordServer({ withNext: false });
     // Still listening when the fault strikes: the guard is what has to close it.
     console.log("listening:" + server.listening);
     ${fault}`,
  );
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "test",
    PORT: String(port),
    ACCORD_LISTEN_HOST: "127.0.0.1",
    DATABASE_URL: `file:${path.join(directory, "accord.db")}`,
    NEXTAUTH_SECRET: "process-guards-test-secret-0123456789abcdef",
    ACCORD_DEMO_DATA: "false",
  };
  delete environment.REDIS_URL;
  const child = spawn(path.join(root, "node_modules", ".bin", "node"), ["--import", "tsx", script], {
    cwd: root,
    env: environment,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  fs.rmSync(directory, { recursive: true, force: true });
  return { status, output, port };
}

async function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("after a fatal error the process stops serving and exits non-zero for its supervisor", () => {
  test.concurrent.each([
    ["uncaught exception", `setTimeout(() => { throw new Error("socket handler failed"); }, 0);`],
    ["unhandled rejection", `void Promise.reject(new Error("hook failed"));`],
  ])("%s", async (kind, fault) => {
    const { status, output, port } = await runServerThatFails(fault);
    expect(output).toContain("listening:true");
    expect(status).toBe(1);
    expect(output).toContain(`[process] ${kind}: stopping and exiting with status 1`);
    // The server was closed before the exit, not merely dropped with the process.
    expect(output.indexOf("[process] stopped accepting connections")).toBeGreaterThan(output.indexOf(`[process] ${kind}`));
    expect(await isListening(port)).toBe(false);
  }, 180_000);
});
