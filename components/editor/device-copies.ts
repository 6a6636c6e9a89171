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

/** A copy open on this page: its database, whether it holds edits the server has not stored yet, and how to close it. */
export type OpenDeviceCopy = { name: string; hasUnsavedChanges: () => boolean; close: () => Promise<void> };

const openCopies = new Set<OpenDeviceCopy>();
let isForgetting = false;

/** Lists a copy open on this page until the returned function is called. */
export function trackOpenDeviceCopy(copy: OpenDeviceCopy): () => void {
  openCopies.add(copy);
  return () => openCopies.delete(copy);
}

/** Whether a document open on this page has edits that exist only on this device. */
export function hasUnsavedChangesOnThisPage(): boolean {
  return [...openCopies].some((copy) => copy.hasUnsavedChanges());
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
