/**
 * Keeps one bad socket or a failing hook from taking the whole process down. Hocuspocus fires
 * some hooks without awaiting them (onChange, onAwarenessUpdate, beforeBroadcastStateless), so
 * their rejections surface here rather than at a caller. Durability does not depend on the
 * process surviving: an update is acknowledged only after it is committed to the database.
 */
export function installProcessGuards(): void {
  process.on("unhandledRejection", (reason) => {
    console.error("[process] unhandled rejection (kept running)", reason);
  });
  process.on("uncaughtException", (error, origin) => {
    console.error(`[process] uncaught exception from ${origin} (kept running)`, error);
  });
}
