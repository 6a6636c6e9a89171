/** What the process must stop before it exits: the HTTP server first, then the open websockets. */
export type ProcessGuardOptions = {
  /** Stops accepting connections and requests (resolves once the server no longer listens). */
  stopAcceptingWork: () => Promise<void>;
  /** Everything else worth closing politely (websockets, Redis); bounded by `exitDeadlineMs`. */
  releaseResources?: () => Promise<void>;
  /** The longest the shutdown may take before the process exits anyway. */
  exitDeadlineMs?: number;
};

/**
 * After an uncaught exception or an unhandled rejection the process is in an unknown state, and
 * Node's documentation says resuming is unsafe. So: log, stop accepting work, exit non-zero, and
 * let the supervisor (systemd `Restart=on-failure`, a container restart policy) start a fresh one.
 * Nothing acknowledged is lost: an update is acknowledged only after it is committed, and clients
 * keep and re-send whatever was not.
 */
export function installProcessGuards({ stopAcceptingWork, releaseResources, exitDeadlineMs = 5_000 }: ProcessGuardOptions): void {
  let isExiting = false;
  const handleFatal = (kind: string, error: unknown) => {
    console.error(`[process] ${kind}: stopping and exiting with status 1 so the supervisor restarts Accord`, error);
    process.exitCode = 1;
    if (isExiting) return;
    isExiting = true;
    // Not unref'd: if closing hangs, this is what ends the process.
    setTimeout(() => process.exit(1), exitDeadlineMs);
    void (async () => {
      try {
        await stopAcceptingWork();
        console.error("[process] stopped accepting connections");
        await releaseResources?.();
      } catch (shutdownError) {
        console.error("[process] shutdown after a fatal error failed", shutdownError);
      }
      process.exit(1);
    })();
  };
  process.on("uncaughtException", (error) => handleFatal("uncaught exception", error));
  process.on("unhandledRejection", (reason) => handleFatal("unhandled rejection", reason));
}
