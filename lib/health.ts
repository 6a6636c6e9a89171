import { db } from "@/lib/db";
import { env } from "@/lib/env";

/** App and database status for load balancers and operators. */
export async function checkHealth() {
  const started = performance.now();
  let database: { status: "ok" | "down"; kind: string; latencyMs?: number; error?: string };
  try {
    await db().$queryRawUnsafe("SELECT 1");
    database = { status: "ok", kind: env().databaseKind, latencyMs: Math.round(performance.now() - started) };
  } catch {
    database = { status: "down", kind: env().databaseKind, error: "The database did not answer." };
  }
  return { status: database.status === "ok" ? "ok" : "degraded", app: { status: "ok", uptimeSeconds: Math.round(process.uptime()) }, database };
}
