"use client";

import { useState } from "react";

/** Copies a value (a hash, a chain head) to the clipboard and says so. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [isCopied, setIsCopied] = useState(false);
  return (
    <button
      type="button"
      className="button button--small"
      aria-label={isCopied ? `${label} copied` : `Copy ${label}`}
      onClick={async () => {
        await navigator.clipboard?.writeText(value);
        setIsCopied(true);
      }}
    >
      {isCopied ? "Copied" : "Copy"}
    </button>
  );
}
