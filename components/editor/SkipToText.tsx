"use client";

import { useEffect, useState } from "react";
import { createPortal } from "react-dom";

/**
 * "Skip to the document text": the first stop of the keyboard on a document page, ahead of the
 * navigation and the toolbar. It is placed at the start of the page's body, before the shell's own
 * skip link, and puts the caret in the editor (a link to the editor's id would only scroll to it).
 */
export function SkipToText({ onSkip }: { onSkip: () => void }) {
  // Rendered only in the browser (the live editor mounts after the page has), so the document exists here.
  const [container] = useState(() => document.createElement("div"));

  useEffect(() => {
    document.body.prepend(container);
    return () => container.remove();
  }, [container]);

  return createPortal(
    <a
      className="skip-link"
      href="#document-body"
      onClick={(event) => {
        event.preventDefault();
        onSkip();
      }}
    >
      Skip to the document text
    </a>,
    container,
  );
}
