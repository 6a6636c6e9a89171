import { startAccordServer } from "@/server/accord-server";
import { loadOneYjs } from "@/server/one-yjs";

// Before Next.js loads a page: its bundles then import the copy of yjs the collaboration server uses.
loadOneYjs();

startAccordServer({ withNext: true }).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
