import { startAccordServer } from "@/server/accord-server";

/** The collaboration websocket and /api/health without Next.js: for websocket tests and `npm run bench`. */
startAccordServer({ withNext: false }).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
