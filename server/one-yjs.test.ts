import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

/**
 * Runs a process shaped like Accord's: tsx's CommonJS requires yjs, as the collaboration server and
 * the CommonJS build of y-tiptap do; then ES modules import it, as Next.js's page bundles do with
 * yjs external: under Turbopack's alias (`yjs-<hash>`, a link to the package) and by its own name.
 * Reports whether each import got the copy the server required, and what the process printed.
 */
async function runProcessThatImportsYjsThrice({ isOneYjsLoaded }: { isOneYjsLoaded: boolean }) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "accord-one-yjs-"));
  fs.mkdirSync(path.join(directory, "node_modules"));
  for (const name of ["yjs", "yjs-0123456789abcdef"]) fs.symlinkSync(path.join(root, "node_modules", "yjs"), path.join(directory, "node_modules", name), "dir");
  const pageBundle = path.join(directory, "page-bundle.mjs");
  fs.writeFileSync(pageBundle, `export * as aliased from "yjs-0123456789abcdef";\nexport * as named from "yjs";\n`);
  const server = path.join(directory, "server.cjs");
  fs.writeFileSync(
    server,
    `const { loadOneYjs } = require(${JSON.stringify(path.join(root, "server", "one-yjs.ts"))});
     if (${isOneYjsLoaded}) loadOneYjs();
     const requireFromApp = require("node:module").createRequire(${JSON.stringify(path.join(root, "package.json"))});
     const Y = requireFromApp("yjs");
     requireFromApp("@tiptap/y-tiptap");
     import(${JSON.stringify(pathToFileURL(pageBundle).href)}).then(({ aliased, named }) =>
       console.log("same copy: " + (aliased.Doc === Y.Doc && named.Doc === Y.Doc)));`,
  );
  const child = spawn(path.join(root, "node_modules", ".bin", "node"), ["--import", "tsx", server], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  fs.rmSync(directory, { recursive: true, force: true });
  return { status, output };
}

describe("one copy of Yjs in the server process", () => {
  test.concurrent("a page bundle's imports of yjs, aliased or not, get the copy the server required, and Yjs prints no warning", async () => {
    const { status, output } = await runProcessThatImportsYjsThrice({ isOneYjsLoaded: true });
    expect(status).toBe(0);
    expect(output).toContain("same copy: true");
    expect(output).not.toContain("Yjs was already imported");
  });

  test.concurrent("without it the same process holds two copies (what the hook is for)", async () => {
    const { status, output } = await runProcessThatImportsYjsThrice({ isOneYjsLoaded: false });
    expect(status).toBe(0);
    expect(output).toContain("same copy: false");
    expect(output).toContain("Yjs was already imported");
  });
});
