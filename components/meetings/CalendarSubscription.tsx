"use client";

import { useActionState, useState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { formatDateTime } from "@/components/ui/dates";
import styles from "@/components/meetings/meetings.module.css";

/**
 * A person's private calendar feed. The link is shown once, when created (only its hash is kept);
 * afterwards the page says a link exists and offers to replace or revoke it.
 */
export function CalendarSubscription({ activeSince, createAction, revokeAction }: {
  activeSince: Date | null;
  createAction: () => Promise<ActionState>;
  revokeAction: () => Promise<ActionState>;
}) {
  // One state for both buttons: whichever ran last decides what is shown.
  const [state, dispatch, isPending] = useActionState(
    async (_: ActionState, form: FormData) => (form.get("intent") === "revoke" ? revokeAction() : createAction()),
    IDLE,
  );
  const [copiedUrl, setCopiedUrl] = useState<string | null>(null);
  const url = state.status === "success" ? state.data?.url : undefined;
  return (
    <div className="stack">
      <p className="muted" style={{ margin: 0 }}>
        Add all the working group&apos;s meetings to Outlook, Google Calendar or Apple Calendar. Changes and cancellations appear there by themselves.
      </p>
      {url ? (
        <div className="alert alert--success stack" role="status" style={{ gap: 8 }}>
          <span>{state.message}</span>
          <div className={styles.copyRow}>
            <input className="input" readOnly value={url} aria-label="Your private calendar link" data-testid="calendar-url" onFocus={(event) => event.currentTarget.select()} />
            <button
              type="button"
              className="button button--small"
              onClick={async () => {
                await navigator.clipboard?.writeText(url);
                setCopiedUrl(url);
              }}
            >
              {copiedUrl === url ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      ) : state.status === "success" ? (
        <p className="alert alert--info" role="status" style={{ margin: 0 }}>{state.message}</p>
      ) : activeSince ? (
        <p className="subtle" style={{ margin: 0 }} data-testid="calendar-status">
          You have an active calendar link, created {formatDateTime(activeSince)}. Lost it? Replace it: the old one stops working.
        </p>
      ) : null}
      {state.status === "error" && <p className="field__error" role="alert">{state.message}</p>}
      <form action={dispatch} className="row">
        <button className="button button--small button--primary" type="submit" name="intent" value="create" disabled={isPending}>
          {activeSince ? "Replace my calendar link" : "Create my calendar link"}
        </button>
        {activeSince && (
          <button className="button button--small button--danger" type="submit" name="intent" value="revoke" disabled={isPending}>
            Revoke link
          </button>
        )}
      </form>
    </div>
  );
}
