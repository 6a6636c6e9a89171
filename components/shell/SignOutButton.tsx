"use client";

import { useEffect, useRef, useState } from "react";
import { getSession, signOut } from "next-auth/react";
import { findUnsentEdits, forgetDeviceCopies, type UnsentDocument } from "@/components/editor/device-copies";
import styles from "@/components/shell/sign-out.module.css";

/**
 * Signs out and deletes the copies of documents this browser kept for the person (a shared
 * computer must not keep one person's drafts for the next). Edits not yet stored on the server
 * live only in those copies, so with any (on this page, or left in a document since closed) it
 * asks first, naming the documents. The session ends on the server before anything is deleted:
 * offline, signing out fails and keeps everything.
 */
export function SignOutButton({ userId }: { userId: string }) {
  // The documents with unsent edits while the question is open (empty when only this page knows it has some).
  const [unsent, setUnsent] = useState<UnsentDocument[] | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const signOutNow = async () => {
    setBusy(true);
    setError(null);
    try {
      await signOut({ redirect: false });
      // A refused request (say, a stale form token) leaves the session in place: only a missing one is signed out.
      if (await getSession()) throw new Error("still signed in");
    } catch {
      setBusy(false);
      setUnsent(null);
      setError("Could not sign out. Check your connection and try again.");
      return;
    }
    // The session has ended whatever happens here: a browser that cannot delete its copies still leaves the page.
    await forgetDeviceCopies(userId).catch(() => undefined);
    // A full page load, not a client-side move: nothing of this person's session stays in memory.
    window.location.assign(new URL("/login", window.location.origin));
  };

  return (
    <span className={styles.signOut}>
      <button
        type="button"
        className="button button--small"
        disabled={isBusy}
        onClick={() => {
          const found = findUnsentEdits(userId);
          if (found) setUnsent(found);
          else void signOutNow();
        }}
      >
        {isBusy ? "Signing out…" : "Sign out"}
      </button>
      {error ? (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      ) : null}
      {unsent ? <UnsavedChangesDialog documents={unsent} isBusy={isBusy} onSignOut={() => void signOutNow()} onStay={() => setUnsent(null)} /> : null}
    </span>
  );
}

function UnsavedChangesDialog({ documents, isBusy, onSignOut, onStay }: { documents: UnsentDocument[]; isBusy: boolean; onSignOut: () => void; onStay: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={dialogRef}
      className={styles.dialog}
      aria-labelledby="sign-out-heading"
      aria-describedby="sign-out-effect"
      onCancel={(event) => {
        // Escape: the same as "Stay signed in".
        event.preventDefault();
        if (!isBusy) onStay();
      }}
    >
      <h2 id="sign-out-heading" className={styles.heading}>
        Sign out with unsaved changes?
      </h2>
      <div id="sign-out-effect" className={styles.effect}>
        <p>
          {documents.length === 0
            ? "Some of your changes have not reached the server yet; they are only on this device."
            : `Your changes to ${documents.length === 1 ? "this document" : "these documents"} have not reached the server yet; they are only on this device:`}
        </p>
        {documents.length > 0 && (
          <ul className={styles.documents}>
            {documents.map((document) => (
              <li key={document.documentId}>
                <a href={`/documents/${encodeURIComponent(document.documentId)}`}>{document.title}</a>
              </li>
            ))}
          </ul>
        )}
        <p>
          Signing out deletes this device’s copies, so they would be lost. Stay signed in, and keep {documents.length > 1 ? "each document" : "the document"} open while connected until it shows “Saved”.
        </p>
      </div>
      <div className={styles.actions}>
        <button type="button" className="button button--danger" disabled={isBusy} onClick={onSignOut}>
          {isBusy ? "Signing out…" : "Sign out and discard them"}
        </button>
        <button type="button" className="button button--primary" disabled={isBusy} onClick={onStay} autoFocus>
          Stay signed in
        </button>
      </div>
    </dialog>
  );
}
