import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";

test("an unhandled rejection or a thrown error in a callback is logged and the process keeps serving", () => {
  const root = path.resolve(import.meta.dirname, "..");
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "accord-guards-")), "crash.ts");
  fs.writeFileSync(
    script,
    `import { installProcessGuards } from ${JSON.stringify(path.join(root, "server", "process-guards.ts"))};
     installProcessGuards();
     Promise.reject(new Error("hook failed"));
     setTimeout(() => { throw new Error("socket handler failed"); }, 10);
     setTimeout(() => { console.log("still serving"); }, 100);`,
  );
  const result = spawnSync(path.join(root, "node_modules", ".bin", "node"), ["--import", "tsx", script], { cwd: root, encoding: "utf8", timeout: 30_000 });
  expect(result.status).toBe(0);
  expect(result.stdout).toContain("still serving");
  expect(result.stderr).toContain("unhandled rejection (kept running)");
  expect(result.stderr).toContain("uncaught exception from uncaughtException (kept running)");
});
