import { Redis } from "ioredis";
import { env } from "@/lib/env";

const globalForRedis = globalThis as unknown as { accordRedis?: Redis };

/** The process's shared Redis connection for rate limits and cross-instance notifications. */
export function redisClient(): Redis {
  const url = env().REDIS_URL;
  if (!url) throw new Error("REDIS_URL is not set");
  globalForRedis.accordRedis ??= new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
  return globalForRedis.accordRedis;
}
