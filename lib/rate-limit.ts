import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { redisClient } from "@/lib/redis";
import { env } from "@/lib/env";

const limiters = new Map<string, RateLimiterAbstract>();

/**
 * A named limiter: in memory for a single instance, in Redis when REDIS_URL is set so that
 * several instances share one budget.
 */
export function rateLimiter(name: string, { points, durationSeconds }: { points: number; durationSeconds: number }): RateLimiterAbstract {
  let limiter = limiters.get(name);
  if (!limiter) {
    const options = { keyPrefix: `accord:${name}`, points, duration: durationSeconds };
    limiter = env().REDIS_URL ? new RateLimiterRedis({ ...options, storeClient: redisClient() }) : new RateLimiterMemory(options);
    limiters.set(name, limiter);
  }
  return limiter;
}
