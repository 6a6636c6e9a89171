"use client";

import type { SaveState } from "@/components/editor/save-state";

const MESSAGES: Record<SaveState, string> = {
  connecting: "Connecting…",
  saving: "Saving…",
  saved: "Saved",
  offline: "Offline — changes kept on this device",
};

/** The save state in words, announced politely to screen readers as it changes. */
export function SaveStatus({ state, canEdit }: { state: SaveState; canEdit: boolean }) {
  // Observers have nothing to save: tell them whether they are following live edits.
  const message = canEdit ? MESSAGES[state] : state === "offline" ? "Offline — reconnecting…" : state === "connecting" ? "Connecting…" : "Following live edits";
  return (
    <p className="save-status" data-state={state} data-testid="save-status" role="status" aria-live="polite">
      <span className="save-status__dot" aria-hidden="true" />
      {message}
    </p>
  );
}
