import { RLWrapperTimeouts, RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { redisClient } from "@/lib/redis";
import { env } from "@/lib/env";

const limiters = new Map<string, RateLimiterAbstract>();

// A limiter check must not hold a sign-in hostage to a stalled Redis.
const REDIS_TIMEOUT_MS = 1000;

/**
 * A named limiter: in memory for a single instance, in Redis when REDIS_URL is set so that
 * several instances share one budget. While Redis is unreachable or slow, each instance falls back
 * to its own in-memory budget: limits stay in force (per instance) and sign-in keeps working.
 */
export function rateLimiter(name: string, { points, durationSeconds }: { points: number; durationSeconds: number }): RateLimiterAbstract {
  let limiter = limiters.get(name);
  if (!limiter) {
    const options = { keyPrefix: `accord:${name}`, points, duration: durationSeconds };
    const local = new RateLimiterMemory(options);
    limiter = env().REDIS_URL
      ? new RLWrapperTimeouts({
          // The insurance sits on the wrapper only: one fallback per call, whether Redis refused or timed out.
          limiter: new RateLimiterRedis({ ...options, storeClient: redisClient(), rejectIfRedisNotReady: true }),
          insuranceLimiter: local,
          timeoutMs: REDIS_TIMEOUT_MS,
        })
      : local;
    limiters.set(name, limiter);
  }
  return limiter;
}
