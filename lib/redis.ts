import { Redis } from "ioredis";
import { env } from "@/lib/env";

const globalForRedis = globalThis as unknown as { accordRedis?: Redis };

/**
 * The process's shared Redis connection for rate limits and cross-instance notifications.
 * ioredis reconnects by itself; an outage is logged once when it starts and once when it ends
 * (/api/health reports it too), not on every reconnection attempt.
 */
export function redisClient(): Redis {
  const url = env().REDIS_URL;
  if (!url) throw new Error("REDIS_URL is not set");
  if (!globalForRedis.accordRedis) {
    const client = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
    let isDown = false;
    client.on("error", (error: Error) => {
      if (isDown) return;
      isDown = true;
      console.warn(`[redis] unreachable (${error.message}); reconnecting until it answers again.`);
    });
    client.on("ready", () => {
      if (!isDown) return;
      isDown = false;
      console.warn("[redis] connection restored");
    });
    globalForRedis.accordRedis = client;
  }
  return globalForRedis.accordRedis;
}
