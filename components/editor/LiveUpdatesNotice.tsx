"use client";

import { useEffect, useState } from "react";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { parseLiveUpdatesMessage } from "@/lib/collab/live-updates";

/**
 * Says so while edits made through other server instances cannot reach this page live (the
 * server lost its connection to Redis). Saving is unaffected, and the text catches up by itself
 * when the connection returns, so this informs rather than alarms.
 */
export function LiveUpdatesNotice({ provider }: { provider: HocuspocusProvider }) {
  const [isPaused, setPaused] = useState(false);
  useEffect(() => {
    const handleStateless = ({ payload }: { payload: string }) => {
      const message = parseLiveUpdatesMessage(payload);
      if (message) setPaused(message.status === "paused");
    };
    // A closed socket shows "Offline" instead; on reconnection the server says again if the pause goes on.
    const handleClose = () => setPaused(false);
    provider.on("stateless", handleStateless);
    provider.on("close", handleClose);
    return () => {
      provider.off("stateless", handleStateless);
      provider.off("close", handleClose);
    };
  }, [provider]);
  if (!isPaused) return null;
  return (
    <div className="alert alert--info" role="status" data-testid="live-updates-paused">
      <strong>Live updates from others are paused.</strong> Your changes are still saved. Edits by people connected
      through another server will appear by themselves once the connection between the servers is back.
    </div>
  );
}
