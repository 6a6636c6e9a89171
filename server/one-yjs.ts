import { registerHooks } from "node:module";

/**
 * Makes every `import "yjs"` in this process load the CommonJS build, the one the server's own code
 * (CommonJS under tsx) and the CommonJS builds of Hocuspocus and y-tiptap require. Next.js's page
 * bundles import yjs from node_modules (next.config.ts), so pages and the collaboration server
 * share one copy: two copies print "Yjs was already imported" and break Yjs' constructor checks.
 * A `require` already resolves to that build; Node.js then hands an `import` the required module.
 */
export function loadOneYjs(): void {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier !== "yjs") return nextResolve(specifier, context);
      const conditions = context.conditions.filter((condition) => condition !== "import");
      return nextResolve(specifier, { ...context, conditions: [...new Set([...conditions, "require"])] });
    },
  });
}
