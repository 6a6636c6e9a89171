/** What the editor tells its user about their changes. */
export type SaveState = "connecting" | "saving" | "saved" | "offline";

export type ConnectionFacts = {
  /** The websocket's state as the provider reports it. */
  connection: "connecting" | "connected" | "disconnected";
  /** The browser's own idea of the network (`navigator.onLine`). */
  isOnline: boolean;
  /** The server has sent its copy of the document since the socket (re)opened. */
  isSynced: boolean;
  /** Messages carrying local changes the server has not yet acknowledged as stored. */
  unacknowledgedChanges: number;
  /** Local edits made since the server last acknowledged everything. */
  hasPendingLocalEdits: boolean;
};

/**
 * The honest save state: "saved" only when the server has acknowledged every local change,
 * which Accord's collaboration server does only once the change is durably stored.
 */
export function saveStateOf(facts: ConnectionFacts): SaveState {
  if (!facts.isOnline || facts.connection === "disconnected") return "offline";
  const isHandshakeDone = facts.connection === "connected" && facts.isSynced;
  // Right after (re)connecting the provider also waits for the server to acknowledge the
  // changes this device had kept while offline; until then nothing may be called saved.
  if (facts.hasPendingLocalEdits || (isHandshakeDone && facts.unacknowledgedChanges > 0)) return "saving";
  return isHandshakeDone ? "saved" : "connecting";
}

/** Whether leaving the page now would strand local edits the server has not stored. */
export function hasUnsavedChanges(facts: ConnectionFacts): boolean {
  return facts.hasPendingLocalEdits;
}
