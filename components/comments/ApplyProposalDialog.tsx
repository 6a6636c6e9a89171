"use client";

import { useEffect, useRef } from "react";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { formatDateTime } from "@/components/ui/dates";
import { getOrganisation } from "@/lib/organisations/catalogue";
import { CommentBody, type ThreadEntry } from "@/components/comments/ThreadCard";

/** What the secretariat is about to do with a proposal: change the text now, or put it in the text as a suggestion. */
export type ProposalAction = "apply" | "suggest";

const WORDING: Record<ProposalAction, { heading: string; after: string; confirm: string; busy: string }> = {
  apply: { heading: "Apply the proposal from", after: "After applying", confirm: "Apply the new wording", busy: "Applying…" },
  suggest: { heading: "Turn into a suggestion the proposal from", after: "Suggested instead", confirm: "Turn into suggestion", busy: "Turning into a suggestion…" },
};

/**
 * Asks the secretariat to confirm what happens to a proposal, and says how the two choices differ:
 * the words now in the text, the proposed ones, and every reply since the proposal (an objection
 * may just have arrived; the list follows the thread live while the dialog is open).
 */
export function ApplyProposalDialog({
  action,
  thread,
  currentText,
  isBusy,
  onConfirm,
  onClose,
}: {
  action: ProposalAction;
  thread: ThreadEntry;
  /** The passage's words in the live text now; null when they cannot be found. */
  currentText: string | null;
  isBusy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const headingId = `${action}-${thread.id}-heading`;
  const [proposal, ...replies] = thread.comments;
  const wording = WORDING[action];
  const economy = getOrganisation(thread.organisationCode).shortName;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    // Modal: the rest of the page is inert while it is open. Closing is the parent's decision (it unmounts the dialog),
    // so no "close" event handler here: one would fire for this cleanup too.
    dialog.showModal();
    return () => dialog.close();
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="apply-dialog"
      aria-labelledby={headingId}
      aria-describedby={`${headingId}-effect`}
      data-testid={action === "apply" ? "apply-proposal-dialog" : "suggest-proposal-dialog"}
      onCancel={(event) => {
        // Escape: the same as "Cancel".
        event.preventDefault();
        if (!isBusy) onClose();
      }}
    >
      <h2 id={headingId} className="apply-dialog__heading">
        {wording.heading} {economy}?
      </h2>
      <p id={`${headingId}-effect`} className="apply-dialog__effect">
        {action === "apply"
          ? "The text changes now, for everyone, and the thread is resolved."
          : `The text does not change yet: the passage shows struck through and the new wording after it, as ${economy}’s suggestion, to be accepted or rejected later like any other. The thread is resolved with a note.`}
      </p>
      <div className="apply-dialog__texts">
        <section aria-label="The passage now">
          <p className="apply-dialog__label">The passage now</p>
          <p className="apply-dialog__text apply-dialog__text--before">{currentText ?? thread.quote}</p>
        </section>
        <section aria-label={wording.after}>
          <p className="apply-dialog__label">{wording.after}</p>
          <p className="apply-dialog__text apply-dialog__text--after">{thread.suggestedText}</p>
        </section>
      </div>
      <section aria-labelledby={`${headingId}-replies`}>
        <p id={`${headingId}-replies`} className="apply-dialog__label">
          {replies.length === 0 ? "No replies since the proposal" : `Replies since the proposal (${replies.length})`}
        </p>
        {replies.length > 0 && (
          <ol className="apply-dialog__replies">
            {replies.map((reply) => (
              <li key={reply.id} className="comment">
                <p className="comment__meta">
                  <span className="comment__author">{reply.author.name}</span>
                  <EconomyBadge code={reply.organisationCode} />
                  <time dateTime={reply.createdAt}>{formatDateTime(reply.createdAt)}</time>
                </p>
                {reply.deletedAt ? <p className="comment__tombstone">This comment was deleted by its author.</p> : <CommentBody comment={reply} />}
              </li>
            ))}
          </ol>
        )}
        {proposal && <p className="apply-dialog__hint">Proposed by {proposal.author.name} on {formatDateTime(proposal.createdAt)}.</p>}
      </section>
      <div className="apply-dialog__actions">
        <button type="button" className="button" onClick={onClose} disabled={isBusy}>
          Cancel
        </button>
        <button type="button" className="button button--primary" onClick={onConfirm} disabled={isBusy}>
          {isBusy ? wording.busy : wording.confirm}
        </button>
      </div>
    </dialog>
  );
}
