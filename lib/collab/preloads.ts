import type { DirectConnection, Hocuspocus } from "@hocuspocus/server";

/** How long a loaded document waits for its page's editor to connect before it is let go. */
const DEFAULT_HOLD_MS = 15_000;

type Hold = { connection: DirectConnection | null; timer: NodeJS.Timeout | null };

/**
 * Documents loaded ahead of the socket that will ask for them (lib/realtime/document-openings.ts),
 * each held open by a server-side direct connection until the first person's socket is connected
 * to it, or for `holdMs` if none comes. Loading runs the same hooks as for a socket (the stored
 * text read, repaired if need be); authorisation stays with the socket, so an announcement gives
 * nobody access to anything.
 */
export class DocumentPreloads {
  private readonly holds = new Map<string, Hold>();

  constructor(
    private readonly hocuspocus: Hocuspocus,
    private readonly onFailure: (documentName: string, error: unknown) => void,
    private readonly holdMs = DEFAULT_HOLD_MS,
  ) {}

  /** Loads the document unless it is open or loading already. */
  async preload(documentName: string): Promise<void> {
    if (this.holds.has(documentName) || this.hocuspocus.documents.has(documentName) || this.hocuspocus.loadingDocuments.has(documentName)) return;
    const hold: Hold = { connection: null, timer: null };
    this.holds.set(documentName, hold);
    let connection: DirectConnection;
    try {
      connection = await this.hocuspocus.openDirectConnection(documentName, { isPreload: true });
    } catch (error) {
      if (this.holds.get(documentName) === hold) this.holds.delete(documentName);
      this.onFailure(documentName, error);
      return;
    }
    // A socket connected (or the server stopped) while the document was loading: nothing to hold.
    if (this.holds.get(documentName) !== hold) {
      await connection.disconnect();
      return;
    }
    hold.connection = connection;
    hold.timer = setTimeout(() => void this.release(documentName), this.holdMs);
    hold.timer.unref();
  }

  /** Lets the document go: a socket is connected to it now, or nobody came. */
  async release(documentName: string): Promise<void> {
    const hold = this.holds.get(documentName);
    if (!hold) return;
    this.holds.delete(documentName);
    if (hold.timer) clearTimeout(hold.timer);
    await hold.connection?.disconnect();
  }

  async releaseAll(): Promise<void> {
    await Promise.all([...this.holds.keys()].map((documentName) => this.release(documentName)));
  }

  /** Documents held open for a page's editor (for tests). */
  isHolding(documentName: string): boolean {
    return this.holds.has(documentName);
  }
}
