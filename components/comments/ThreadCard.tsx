"use client";

import { useRef, useState, type CSSProperties } from "react";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { formatDateTime } from "@/components/ui/dates";
import { CommentComposer, editableText, type Person } from "@/components/comments/CommentComposer";
import { CommentRequestError, commentsApi } from "@/components/comments/comments-client";
import { KIND_LABEL, STATUS_BADGE, STATUS_LABEL } from "@/components/comments/labels";
import { ApplyProposalDialog, type ProposalAction } from "@/components/comments/ApplyProposalDialog";
import { splitMentions } from "@/lib/comments/mentions";
import type { CommentView, ThreadView } from "@/lib/comments/thread-view";

export type ThreadEntry = ThreadView & { isDetachedNow: boolean };

const messageOf = (error: unknown) => (error instanceof CommentRequestError ? error.message : "Something went wrong. Please try again.");
const bodyErrorOf = (error: unknown) => (error instanceof CommentRequestError ? (error.fieldErrors.body?.[0] ?? error.message) : messageOf(error));

/** One thread: its passage, its comments and what the viewer may do with it. */
export function ThreadCard({
  thread,
  isActive,
  people,
  onActivate,
  onChanged,
  onApplySuggestion,
  passageOf,
  style,
}: {
  thread: ThreadEntry;
  isActive: boolean;
  people: Person[];
  onActivate: (threadId: string) => void;
  /** Called with the thread as a change made here left it. */
  onChanged: (thread: ThreadView) => void;
  onApplySuggestion: (thread: ThreadEntry) => Promise<{ thread: ThreadView }>;
  /** The words the thread's passage covers in the live text now, for the confirmation before applying a proposal. */
  passageOf: (threadId: string) => string | null;
  /** Where the card sits when threads are aligned with their passages. */
  style?: CSSProperties;
}) {
  const [error, setError] = useState<string | null>(null);
  const [replyError, setReplyError] = useState<string | undefined>();
  const [isReplying, setReplying] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<ProposalAction | null>(null);
  const replyButtonRef = useRef<HTMLButtonElement>(null);
  const applyButtonRef = useRef<HTMLButtonElement>(null);
  const suggestButtonRef = useRef<HTMLButtonElement>(null);
  const headingId = `thread-${thread.id}-heading`;

  // Closing the reply box (Escape or Cancel) returns the keyboard to the button that opened it, not to the page.
  function closeReply() {
    setReplying(false);
    setReplyError(undefined);
    requestAnimationFrame(() => replyButtonRef.current?.focus());
  }

  async function run(work: () => Promise<{ thread: ThreadView }>) {
    setBusy(true);
    setError(null);
    try {
      onChanged((await work()).thread);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  async function handleReply(body: string): Promise<boolean> {
    try {
      const { thread: replied } = await commentsApi.reply(thread.id, body);
      closeReply();
      onChanged(replied);
      return true;
    } catch (failure) {
      setReplyError(bodyErrorOf(failure));
      return false;
    }
  }

  return (
    <li
      className="thread-card"
      style={style}
      // Reachable by script (a click on its passage focuses it), not a Tab stop of its own.
      tabIndex={-1}
      data-thread-id={thread.id}
      data-status={thread.status}
      data-economy={thread.organisationCode}
      aria-current={isActive ? "true" : undefined}
      aria-labelledby={headingId}
    >
      <div className="thread-card__head">
        <h3 id={headingId} className="thread-card__title">
          <span className="visually-hidden">{KIND_LABEL[thread.kind]} from </span>
          <EconomyBadge code={thread.organisationCode} />
        </h3>
        <span className="badge thread-card__kind" data-kind={thread.kind}>
          {KIND_LABEL[thread.kind]}
        </span>
        <span className={STATUS_BADGE[thread.status]} data-testid="thread-status">
          {STATUS_LABEL[thread.status]}
        </span>
        {thread.isDetachedNow && (
          <span className="badge badge--danger" title="The words this thread was made on have been deleted.">
            Detached
          </span>
        )}
      </div>

      {thread.isDetachedNow ? (
        <p className="thread-card__quote thread-card__quote--detached">
          <span className="visually-hidden">Passage, since deleted: </span>“{thread.quote}”
        </p>
      ) : (
        <button type="button" className="thread-card__quote" onClick={() => onActivate(thread.id)} aria-label={`Show the passage in the text: ${thread.quote}`}>
          “{thread.quote}”
        </button>
      )}

      {thread.suggestedText !== null && (
        <div className="thread-card__proposal">
          <p className="thread-card__proposal-label">Proposed wording</p>
          <p className="thread-card__proposal-text">{thread.suggestedText}</p>
          {thread.appliedAt ? (
            <p className="thread-card__applied">Applied to the text {formatDateTime(thread.appliedAt)}</p>
          ) : (
            !thread.isDetachedNow &&
            (thread.abilities.canApplySuggestion || thread.abilities.canTurnIntoSuggestion) && (
              <div className="thread-card__proposal-actions">
                {thread.abilities.canApplySuggestion && (
                  <button type="button" className="button button--small button--primary" ref={applyButtonRef} disabled={isBusy} onClick={() => setConfirming("apply")}>
                    Apply to the text
                  </button>
                )}
                {thread.abilities.canTurnIntoSuggestion && (
                  <button type="button" className="button button--small" ref={suggestButtonRef} disabled={isBusy} onClick={() => setConfirming("suggest")}>
                    Turn into suggestion
                  </button>
                )}
              </div>
            )
          )}
          {confirming && (
            <ApplyProposalDialog
              action={confirming}
              thread={thread}
              currentText={passageOf(thread.id)}
              isBusy={isBusy}
              onClose={() => {
                const button = confirming === "apply" ? applyButtonRef : suggestButtonRef;
                setConfirming(null);
                // Back to the button that asked, so the keyboard is where it was before the question.
                requestAnimationFrame(() => button.current?.focus());
              }}
              onConfirm={() =>
                void run(() => (confirming === "apply" ? onApplySuggestion(thread) : commentsApi.turnIntoSuggestion(thread.id))).finally(() => setConfirming(null))
              }
            />
          )}
        </div>
      )}

      <ol className="thread-card__comments">
        {thread.comments.map((comment) => (
          <CommentItem key={comment.id} comment={comment} people={people} onChanged={onChanged} />
        ))}
      </ol>

      {thread.status === "RESOLVED" && thread.resolvedBy && thread.resolvedAt && (
        <p className="thread-card__resolution">
          Resolved by {thread.resolvedBy.name} <EconomyBadge code={thread.resolvedBy.organisationCode} /> · {formatDateTime(thread.resolvedAt)}
        </p>
      )}

      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}

      {thread.abilities.canReply && isReplying && (
        <CommentComposer
          label="Reply"
          isHiddenLabel
          people={people}
          submitLabel="Post reply"
          autoFocus
          error={replyError}
          onSubmit={handleReply}
          onCancel={closeReply}
        />
      )}

      {(thread.abilities.canReply || thread.abilities.canResolve || thread.abilities.canReopen) && !isReplying && (
        <div className="thread-card__actions">
          {thread.abilities.canReply && (
            <button type="button" className="button button--small" ref={replyButtonRef} onClick={() => setReplying(true)}>
              Reply
            </button>
          )}
          {thread.abilities.canResolve && (
            <button type="button" className="button button--small" disabled={isBusy} onClick={() => run(() => commentsApi.resolve(thread.id))}>
              Resolve
            </button>
          )}
          {thread.abilities.canReopen && (
            <button type="button" className="button button--small" disabled={isBusy} onClick={() => run(() => commentsApi.reopen(thread.id))}>
              Reopen
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** A comment's text with its mentions shown as names. */
export function CommentBody({ comment }: { comment: CommentView }) {
  return (
    <p className="comment__body">
      {splitMentions(comment.body).map((part, index) =>
        "text" in part ? (
          <span key={index}>{part.text}</span>
        ) : (
          <span key={index} className="comment__mention">
            @{comment.mentions.find((person) => person.id === part.userId)?.name ?? part.label}
          </span>
        ),
      )}
    </p>
  );
}

function CommentItem({ comment, people, onChanged }: { comment: CommentView; people: Person[]; onChanged: (thread: ThreadView) => void }) {
  const [isEditing, setEditing] = useState(false);
  const [editError, setEditError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const editButtonRef = useRef<HTMLButtonElement>(null);

  async function handleSave(body: string): Promise<boolean> {
    try {
      const { thread } = await commentsApi.edit(comment.id, body);
      setEditing(false);
      setEditError(undefined);
      onChanged(thread);
      return true;
    } catch (failure) {
      setEditError(bodyErrorOf(failure));
      return false;
    }
  }

  async function handleDelete() {
    if (!window.confirm("Delete this comment? Its text is removed; the thread shows that a comment was deleted.")) return;
    try {
      onChanged((await commentsApi.remove(comment.id)).thread);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <li className="comment" data-comment-id={comment.id} data-deleted={comment.deletedAt ? "true" : undefined}>
      <p className="comment__meta">
        <span className="comment__author">{comment.author.name}</span>
        <EconomyBadge code={comment.organisationCode} />
        <time dateTime={comment.createdAt} className="comment__time">
          {formatDateTime(comment.createdAt)}
        </time>
        {comment.editedAt && !comment.deletedAt && (
          <span className="comment__edited" title={`Edited ${formatDateTime(comment.editedAt)}`}>
            (edited)
          </span>
        )}
      </p>
      {comment.deletedAt ? (
        <p className="comment__tombstone">This comment was deleted by its author.</p>
      ) : isEditing ? (
        <CommentComposer
          label="Edit your comment"
          isHiddenLabel
          people={people}
          submitLabel="Save"
          autoFocus
          initialText={editableText(comment.body, comment.mentions)}
          initialMentions={comment.mentions}
          error={editError}
          onSubmit={handleSave}
          onCancel={() => {
            setEditing(false);
            setEditError(undefined);
            requestAnimationFrame(() => editButtonRef.current?.focus());
          }}
        />
      ) : (
        <CommentBody comment={comment} />
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {!isEditing && (comment.abilities.canEdit || comment.abilities.canDelete) && (
        <div className="comment__actions">
          {comment.abilities.canEdit && (
            <button type="button" className="comment__action" ref={editButtonRef} onClick={() => setEditing(true)}>
              Edit<span className="visually-hidden"> your comment</span>
            </button>
          )}
          {comment.abilities.canDelete && (
            <button type="button" className="comment__action comment__action--danger" onClick={handleDelete}>
              Delete<span className="visually-hidden"> your comment</span>
            </button>
          )}
        </div>
      )}
    </li>
  );
}
