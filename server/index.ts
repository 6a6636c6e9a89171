import { startAccordServer } from "@/server/accord-server";

startAccordServer({ withNext: true }).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
