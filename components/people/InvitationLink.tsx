"use client";

import { useRef, useState } from "react";

/**
 * The one-time invitation link, shown whole (it wraps rather than being cut off) with a Copy
 * button, because the secretariat sees it only once and hands it over by e-mail or chat.
 */
export function InvitationLink({ link }: { link: string }) {
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");

  async function handleCopy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopyState("copied");
    } catch {
      // The clipboard API needs a secure context; otherwise leave the link selected for Ctrl+C.
      fieldRef.current?.select();
      setCopyState("failed");
    }
  }

  return (
    <div className="invitation-link">
      <label className="field__label" htmlFor="invitation-link">Invitation link (valid 14 days, shown once)</label>
      <textarea
        ref={fieldRef}
        id="invitation-link"
        className="textarea invitation-link__text"
        readOnly
        rows={3}
        value={link}
        data-testid="invitation-link"
        onFocus={(event) => event.currentTarget.select()}
      />
      <div className="row">
        <button type="button" className="button button--small" onClick={handleCopy}>Copy link</button>
        <span className="subtle" aria-live="polite" data-testid="copy-status">
          {copyState === "copied" ? "Copied to the clipboard." : copyState === "failed" ? "Copying is blocked here: the link is selected, press Ctrl+C." : ""}
        </span>
      </div>
    </div>
  );
}
