import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { redisClient } from "@/lib/redis";

/** How long each dependency may take to answer the health check before it counts as down. */
const DATABASE_DEADLINE_MS = 3_000;
const REDIS_DEADLINE_MS = 2_000;

type DependencyStatus = { status: "ok" | "down"; latencyMs?: number; error?: string };

export type HealthReport = {
  /** ok: everything answers; degraded: serving, Redis down; down: the database does not answer. */
  status: "ok" | "degraded" | "down";
  app: { status: "ok"; uptimeSeconds: number };
  database: DependencyStatus & { kind: string };
  redis: DependencyStatus | { status: "not-configured" };
};

/**
 * App, database and Redis status for load balancers and operators, within a few seconds whatever
 * the dependencies do (a check that has not answered by its deadline counts as down).
 */
export async function checkHealth(): Promise<HealthReport> {
  const config = env();
  const [database, redis] = await Promise.all([
    probe(() => db().$queryRawUnsafe("SELECT 1"), DATABASE_DEADLINE_MS, "The database is slow or unreachable"),
    config.REDIS_URL ? probe(() => redisClient().ping(), REDIS_DEADLINE_MS, "Redis is unreachable: live updates between instances are paused") : null,
  ]);
  const status = database.status === "down" ? "down" : redis?.status === "down" ? "degraded" : "ok";
  return {
    status,
    app: { status: "ok", uptimeSeconds: Math.round(process.uptime()) },
    database: { ...database, kind: config.databaseKind },
    redis: redis ?? { status: "not-configured" },
  };
}

/**
 * 503 only when this instance cannot serve (its database does not answer), so a load balancer
 * takes it out. With Redis down every instance still serves and saves, only live updates between
 * instances pause: 200, so an outage of the shared Redis does not take every instance out at once.
 */
export function healthHttpStatus(report: HealthReport): 200 | 503 {
  return report.status === "down" ? 503 : 200;
}

async function probe(check: () => Promise<unknown>, deadlineMs: number, failure: string): Promise<DependencyStatus> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), deadlineMs)));
  try {
    const outcome = await Promise.race([check().then(() => "answered" as const), deadline]);
    if (outcome === "timeout") return { status: "down", error: `${failure} (no answer within ${deadlineMs / 1000} s).` };
    return { status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { status: "down", error: `${failure}.` };
  } finally {
    clearTimeout(timer);
  }
}
