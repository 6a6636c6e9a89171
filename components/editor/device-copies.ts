/**
 * The copies of documents this browser keeps for a person (IndexedDB, one database per person and
 * document, so edits made offline survive a reload), and forgetting them when that person signs
 * out: on a shared computer the next person must not find the previous one's drafts there.
 */

const PREFIX = "accord:";
/** How long signing out waits for a copy held open by another tab; the browser deletes it once that tab lets go. */
const BLOCKED_DELETION_WAIT_MS = 2_000;

/** The name of the database holding one person's copy of one document. */
export function deviceCopyName(userId: string, documentId: string): string {
  return `${PREFIX}${userId}:${documentId}`;
}

/**
 * The mark, in localStorage, of a copy holding edits the server has not acknowledged: set while
 * they are unsent, kept if the page closes meanwhile (the tab's warning was ignored, the browser
 * crashed), cleared once the server has stored them. It holds the document's title, and lets
 * signing out on any page know.
 */
const UNSENT_MARK = "#unsent";

/**
 * Records whether a copy holds edits the server has not stored, with the document's title (what signing
 * out names); a browser without storage just keeps no mark.
 */
export function markUnsentEdits(copyName: string, unsentIn: { title: string } | null): void {
  try {
    if (unsentIn) localStorage.setItem(copyName + UNSENT_MARK, unsentIn.title);
    else localStorage.removeItem(copyName + UNSENT_MARK);
  } catch {
    // Storage refused (full, or disabled): signing out then asks only about this page's copies.
  }
}

/** The title a copy's unsent mark holds, or null when the copy is not marked. */
export function readUnsentMark(copyName: string): string | null {
  try {
    return localStorage.getItem(copyName + UNSENT_MARK);
  } catch {
    return null;
  }
}

/** The person's copies marked as holding unsent edits. */
function markedCopies(userId: string): string[] {
  try {
    return Object.keys(localStorage)
      .filter((key) => key.startsWith(`${PREFIX}${userId}:`) && key.endsWith(UNSENT_MARK))
      .map((key) => key.slice(0, -UNSENT_MARK.length));
  } catch {
    return [];
  }
}

/** A copy open on this page: its database, whether it holds edits the server has not stored yet, and how to close it. */
export type OpenDeviceCopy = { name: string; hasUnsavedChanges: () => boolean; close: () => Promise<void> };

const openCopies = new Set<OpenDeviceCopy>();
let isForgetting = false;

/** Lists a copy open on this page until the returned function is called. */
export function trackOpenDeviceCopy(copy: OpenDeviceCopy): () => void {
  openCopies.add(copy);
  return () => openCopies.delete(copy);
}

/** A document whose copy on this device holds edits the server has not stored. */
export type UnsentDocument = { documentId: string; title: string };

/**
 * The person's documents whose copies on this device hold edits that exist only here, open on this
 * page or not (a copy open here is marked as soon as it holds any). Null when there are none.
 */
export function findUnsentEdits(userId: string): UnsentDocument[] | null {
  const prefix = `${PREFIX}${userId}:`;
  const marked = markedCopies(userId).map((copyName) => ({ documentId: copyName.slice(prefix.length), title: readUnsentMark(copyName) || "Untitled document" }));
  if (marked.length) return marked;
  // Storage refused the marks: this page's copies still know.
  return [...openCopies].some((copy) => copy.hasUnsavedChanges()) ? [] : null;
}

/** True once signing out has begun forgetting the copies: leaving the page then needs no warning. */
export function isForgettingDeviceCopies(): boolean {
  return isForgetting;
}

/**
 * Closes this page's copies and deletes every copy this browser keeps for the person, unsent edits
 * included (the caller has asked first). Browsers without `indexedDB.databases()` delete only the
 * copies open on this page.
 */
export async function forgetDeviceCopies(userId: string): Promise<void> {
  isForgetting = true;
  const open = [...openCopies];
  openCopies.clear();
  await Promise.all(open.map((copy) => copy.close()));
  const listed = typeof indexedDB.databases === "function" ? (await indexedDB.databases()).map((database) => database.name ?? "") : [];
  const names = new Set([...open.map((copy) => copy.name), ...listed.filter((name) => name.startsWith(`${PREFIX}${userId}:`))]);
  await Promise.all([...names].map(deleteDatabase));
  for (const name of markedCopies(userId)) markUnsentEdits(name, null);
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    // Nothing more this page can do about an error; the copy is only kept, as before.
    request.onerror = () => resolve();
    // Another tab still has the document open: the deletion waits for it, this page does not wait long.
    request.onblocked = () => setTimeout(resolve, BLOCKED_DELETION_WAIT_MS);
  });
}
