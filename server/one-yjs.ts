import fs from "node:fs";
import { registerHooks } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Makes every `import` of yjs in this process load its CommonJS build, the one the server's own
 * code (CommonJS under tsx) and the CommonJS builds of Hocuspocus and y-tiptap require. Next.js's
 * page bundles import yjs from node_modules (next.config.ts), under an alias of its own
 * (`yjs-<hash>`, a link in .next/), so the hook goes by where an import resolves, not by its
 * name. Pages and the collaboration server then share one copy: two copies print "Yjs was
 * already imported" and break Yjs' constructor checks. Node.js hands an `import` of a CommonJS
 * file the module `require` already loaded.
 */
export function loadOneYjs(): void {
  const packageDirectory = path.dirname(require.resolve("yjs/package.json"));
  const entry = (JSON.parse(fs.readFileSync(path.join(packageDirectory, "package.json"), "utf8")) as { exports: { ".": { import: string } } }).exports["."];
  const moduleBuild = pathToFileURL(path.join(packageDirectory, entry.import)).href;
  const commonJsBuild = pathToFileURL(require.resolve("yjs")).href;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      return resolved.url === moduleBuild ? { url: commonJsBuild, format: "commonjs", shortCircuit: true } : resolved;
    },
  });
}
