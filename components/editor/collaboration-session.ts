import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from "@hocuspocus/provider";
import { Awareness } from "y-protocols/awareness";
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";
import { z } from "zod";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import { keepSaveStateHonest } from "@/lib/collab/client";
import { CLOSE_CODES, PERMISSION_DENIED_REASONS, collaborationUrl, parseServerMessage, parseUpdateRefusedMessage } from "@/lib/collab/protocol";
import { deviceCopyName, markUnsentEdits, readUnsentMark, trackOpenDeviceCopy } from "@/components/editor/device-copies";
import { hasUnsavedChanges, saveStateOf, type ConnectionFacts, type SaveState } from "@/components/editor/save-state";

/** Who is editing, as the page (and the server, from the session) knows them. */
export type EditorUser = { id: string; name: string; organisationCode: string };

/** Someone present in the document. */
export type Participant = EditorUser & { isSelf: boolean; canEdit: boolean };

/** The latest edit this page knows of: from the server at load, then as edits happen. */
export type LastEdit = { at: string; name: string | null; organisationCode: string | null };

export type Refusal = { message: string; needsSignIn: boolean };

export type SessionSnapshot = ConnectionFacts & {
  saveState: SaveState;
  hasUnsavedChanges: boolean;
  participants: Participant[];
  /** The document's content has arrived, from the server or from this device's copy. */
  hasLoaded: boolean;
  /** Set when the server refused the connection; the editor stays read-only. */
  refusal: Refusal | null;
  lastEdit: LastEdit | null;
  /** The server granted read-only access (e.g. the person's role changed since the page loaded). */
  isReadOnlyOnServer: boolean;
  /** Why the server refused a change of this person's (a direct edit in a negotiation document); the editor starts over. */
  updateRefusal: string | null;
};

// Presence identity is set by the server from the session; anything else in a peer's state is ignored.
const presenceUser = z.object({ id: z.string(), name: z.string(), organisationCode: z.string() });

/**
 * One open document: the Yjs document, its copy on this device (IndexedDB, so edits made
 * offline survive a reload) and the connection to the collaboration server. It publishes a
 * snapshot of what the page shows (save state, people present) for `useSyncExternalStore`.
 */
export class CollaborationSession {
  readonly doc = new Y.Doc();
  readonly provider: HocuspocusProvider;
  private readonly socket: HocuspocusProviderWebsocket;
  private readonly deviceCopy: IndexeddbPersistence | null;
  private readonly listeners = new Set<() => void>();
  private facts: ConnectionFacts = {
    connection: "connecting",
    isOnline: true,
    isSynced: false,
    unacknowledgedChanges: 0,
    hasPendingLocalEdits: false,
  };
  /** The server's list of everyone connected (observers too); authoritative once it has arrived. */
  private serverParticipants: Participant[] | null = null;
  /** People with a caret, known from presence before the server's list arrives. */
  private awarenessParticipants: Participant[] = [];
  private readonly documentId: string;
  private readonly copyName: string | null;
  /** The document's title, which the unsent mark carries for signing out to name. */
  private readonly title: string;
  private refusal: Refusal | null = null;
  private updateRefusal: string | null = null;
  private hasLoaded = false;
  private isReadOnlyOnServer = false;
  private lastEdit: LastEdit | null;
  private readonly user: EditorUser;
  private snapshot: SessionSnapshot;
  private readonly stopKeepingSaveStateHonest: () => void;
  private readonly stopTrackingDeviceCopy: () => void;
  /** Whether the device copy is marked as holding unsent edits (device-copies.ts); an earlier visit may have left the mark. */
  private isMarkedUnsent: boolean;

  constructor({ documentId, title, user, canEdit, lastEdit }: { documentId: string; title: string; user: EditorUser; canEdit: boolean; lastEdit: LastEdit | null }) {
    this.documentId = documentId;
    this.title = title;
    this.user = user;
    this.lastEdit = lastEdit;
    this.facts.isOnline = navigator.onLine;
    // Observers never change the document, so there is nothing of theirs to keep on the device.
    const copyName = deviceCopyName(user.id, documentId);
    this.deviceCopy = canEdit ? new IndexeddbPersistence(copyName, this.doc) : null;
    // Signing out closes the copy and deletes it (components/editor/device-copies.ts).
    this.stopTrackingDeviceCopy = this.deviceCopy
      ? trackOpenDeviceCopy({ name: copyName, hasUnsavedChanges: () => hasUnsavedChanges(this.facts), close: async () => this.deviceCopy?.destroy() })
      : () => undefined;
    this.copyName = this.deviceCopy ? copyName : null;
    this.isMarkedUnsent = this.deviceCopy ? readUnsentMark(copyName) !== null : false;
    this.socket = new HocuspocusProviderWebsocket({
      url: collaborationUrl(window.location),
      // Come back quickly after a restart or a network blip, and never give up. (The retry library
      // rejects a delay below minDelay, and then never connects at all.)
      delay: 500,
      minDelay: 250,
      factor: 2,
      maxDelay: 5000,
      maxAttempts: 0,
    });
    const awareness = new Awareness(this.doc);
    // Observers publish no presence (the server would refuse it); the server lists them itself.
    if (!canEdit) awareness.setLocalState(null);
    this.provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: documentId,
      document: this.doc,
      awareness,
      // The session cookie authenticates the socket; the token only completes Hocuspocus' handshake.
      token: "session",
      // No batching window (the provider's `flushDelay`): a window holds each keystroke back until
      // it closes, and a typist's keystrokes, a quarter of a second apart, each waited all of it
      // (100 ms) before anyone else could see them. The server already sends what arrives in one
      // turn together, commits in groups and merges carets per document (lib/collab/README.md).
    });
    // Without it, acknowledgements of updates queued while offline would show "Saved" before the
    // reconnection's sync step 2 (which carries those same edits) is stored.
    this.stopKeepingSaveStateHonest = keepSaveStateHonest(this.provider);
    this.provider.attach();
    this.snapshot = this.buildSnapshot();
    void this.deviceCopy?.whenSynced.then(this.handleLoaded);

    this.socket.on("status", this.handleStatus);
    this.socket.on("close", this.handleClose);
    this.provider.on("synced", this.handleSynced);
    this.provider.on("unsyncedChanges", this.handleUnsyncedChanges);
    this.provider.on("authenticationFailed", this.handleAuthenticationFailed);
    this.provider.on("stateless", this.handleServerMessage);
    this.provider.on("authenticated", this.handleAuthenticated);
    this.provider.awareness?.on("change", this.handleAwareness);
    this.doc.on("update", this.handleDocumentUpdate);
    window.addEventListener("online", this.handleOnline);
    window.addEventListener("offline", this.handleOffline);
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  /**
   * Forgets this device's copy of the document. After the server refused a change, the copy holds
   * it, and Yjs would send it again (and every later change after it) on each reconnection.
   */
  async discardDeviceCopy(): Promise<void> {
    await this.deviceCopy?.clearData();
  }

  destroy() {
    window.removeEventListener("online", this.handleOnline);
    window.removeEventListener("offline", this.handleOffline);
    this.doc.off("update", this.handleDocumentUpdate);
    this.stopKeepingSaveStateHonest();
    this.stopTrackingDeviceCopy();
    this.provider.destroy();
    this.socket.destroy();
    void this.deviceCopy?.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }

  private handleStatus = ({ status }: { status: WebSocketStatus }) => {
    this.facts.connection = status === WebSocketStatus.Connected ? "connected" : status === WebSocketStatus.Connecting ? "connecting" : "disconnected";
    if (this.facts.connection !== "connected") this.facts.isSynced = false;
    this.publish();
  };

  private handleSynced = () => {
    this.facts.isSynced = this.provider.isSynced;
    if (this.provider.isSynced) this.hasLoaded = true;
    this.publish();
  };

  private handleLoaded = () => {
    // An empty copy on this device (first visit) says nothing about the document: wait for the server.
    if (this.doc.getXmlFragment(DOCUMENT_FIELD).length === 0) return;
    this.hasLoaded = true;
    this.publish();
  };

  private handleUnsyncedChanges = ({ number }: { number: number }) => {
    this.facts.unacknowledgedChanges = number;
    this.facts.isSynced = this.provider.isSynced;
    // Everything sent since the handshake is acknowledged: every local edit is stored.
    const isEverythingStored = number === 0 && this.facts.connection === "connected" && this.provider.isSynced;
    if (isEverythingStored && this.facts.hasPendingLocalEdits) {
      this.facts.hasPendingLocalEdits = false;
      this.lastEdit = { at: new Date().toISOString(), name: this.user.name, organisationCode: this.user.organisationCode };
    }
    // Edits kept from an earlier visit arrive with the handshake and are stored by now too.
    if (isEverythingStored) this.markUnsent(false);
    this.publish();
  };

  private handleAuthenticationFailed = ({ reason }: { reason: string }) => {
    // A database hiccup closes the socket too, and the provider reconnects: not a refusal.
    if (reason === PERMISSION_DENIED_REASONS.temporarilyUnavailable) return;
    this.refusal = {
      message: reason === PERMISSION_DENIED_REASONS.notFound ? "This document no longer exists or is no longer shared with you." : "The server refused access to this document.",
      needsSignIn: false,
    };
    this.publish();
  };

  private handleAuthenticated = ({ scope }: { scope: string }) => {
    this.isReadOnlyOnServer = scope === "readonly";
    this.refusal = null;
    this.publish();
  };

  private handleClose = ({ event }: { event: { code: number } }) => {
    if (event.code !== CLOSE_CODES.unauthenticated) return;
    // Signed out, expired or deactivated: retrying cannot help. Edits stay in this device's copy.
    this.socket.disconnect();
    this.refusal = { message: "Your session has ended. Sign in again to continue; your unsaved changes are kept on this device.", needsSignIn: true };
    this.publish();
  };

  private handleServerMessage = ({ payload }: { payload: string }) => {
    const refused = parseUpdateRefusedMessage(payload);
    if (refused && refused.documentId === this.documentId) {
      // The detail says what was wrong (for suggestions, a sentence for the person).
      this.updateRefusal = refused.reason === "not-allowed" ? refused.detail : "It does not fit the document's structure.";
      this.publish();
      return;
    }
    const message = parseServerMessage(payload);
    if (!message || message.documentId !== this.documentId) return;
    this.serverParticipants = message.participants.map(({ id, name, organisationCode, canEdit }) => ({
      id,
      name,
      organisationCode,
      canEdit,
      isSelf: id === this.user.id,
    }));
    this.publish();
  };

  private handleDocumentUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this.provider) {
      if (this.facts.isSynced) this.noteRemoteEdit(update);
      return;
    }
    // Only this person's typing counts as pending; the device copy's does not.
    if (origin === this.deviceCopy) return;
    if (!this.facts.hasPendingLocalEdits) {
      this.facts.hasPendingLocalEdits = true;
      this.markUnsent(true);
      this.publish();
    }
  };

  /** Keeps the device copy's unsent mark in step, writing storage only when it changes. */
  private markUnsent(hasUnsent: boolean) {
    if (!this.copyName || this.isMarkedUnsent === hasUnsent) return;
    this.isMarkedUnsent = hasUnsent;
    markUnsentEdits(this.copyName, hasUnsent ? { title: this.title } : null);
  }

  /**
   * Who made an edit that just arrived: the Yjs client ids in the update, matched against the
   * presence of the people in the document (identities the server stamped from their sessions).
   */
  private noteRemoteEdit(update: Uint8Array) {
    const clientIds = new Set(Y.decodeUpdate(update).structs.map((struct) => struct.id.client));
    const states = this.provider.awareness?.getStates() ?? new Map();
    const author = [...clientIds].map((clientId) => presenceUser.safeParse(states.get(clientId)?.user)).find((parsed) => parsed.success);
    const name = author?.success ? author.data.name : null;
    const now = new Date();
    // The line shows minutes: while the same person keeps typing there is nothing new to say.
    if (this.lastEdit?.name === name && now.getTime() - Date.parse(this.lastEdit.at) < 30_000) return;
    this.lastEdit = { at: now.toISOString(), name, organisationCode: author?.success ? author.data.organisationCode : null };
    this.publish();
  }

  private handleAwareness = () => {
    const states = this.provider.awareness?.getStates() ?? new Map();
    const byUser = new Map<string, Participant>();
    for (const [clientId, state] of states) {
      const parsed = presenceUser.safeParse(state?.user);
      if (!parsed.success) continue;
      const isSelf = clientId === this.doc.clientID;
      const existing = byUser.get(parsed.data.id);
      const { id, name, organisationCode } = parsed.data;
      byUser.set(id, { id, name, organisationCode, isSelf: isSelf || Boolean(existing?.isSelf), canEdit: true });
    }
    this.awarenessParticipants = [...byUser.values()];
    this.publish();
  };

  private handleOnline = () => {
    this.facts.isOnline = true;
    // Reconnect now rather than at the next back-off attempt.
    void this.socket.connect();
    this.publish();
  };

  private handleOffline = () => {
    this.facts.isOnline = false;
    this.publish();
  };

  private buildSnapshot(): SessionSnapshot {
    return {
      ...this.facts,
      saveState: saveStateOf(this.facts),
      hasUnsavedChanges: hasUnsavedChanges(this.facts),
      participants: this.serverParticipants ?? this.awarenessParticipants,
      hasLoaded: this.hasLoaded,
      isReadOnlyOnServer: this.isReadOnlyOnServer,
      lastEdit: this.lastEdit,
      refusal: this.refusal,
      updateRefusal: this.updateRefusal,
    };
  }

  private publish() {
    this.snapshot = this.buildSnapshot();
    for (const listener of this.listeners) listener();
  }
}
