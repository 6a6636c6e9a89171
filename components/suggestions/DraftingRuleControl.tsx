"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";

type DraftingRule = "OPEN" | "NEGOTIATION";

/** The secretariat's switch between open drafting and negotiation for one document. */
export function DraftingRuleControl({ documentId, draftingRule }: { documentId: string; draftingRule: DraftingRule }) {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const id = useId();

  async function handleChange(next: DraftingRule) {
    setBusy(true);
    setProblem(null);
    const response = await fetch(`/api/documents/${encodeURIComponent(documentId)}/drafting-rule`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ draftingRule: next }),
    }).catch(() => null);
    setBusy(false);
    if (!response?.ok) {
      setProblem("The drafting rule could not be changed. Try again.");
      return;
    }
    router.refresh();
  }

  return (
    <div className="drafting-rule">
      <label htmlFor={id} className="drafting-rule__label">Drafting rule</label>
      <select id={id} className="input input--small" value={draftingRule} disabled={isBusy} onChange={(event) => void handleChange(event.target.value as DraftingRule)}>
        <option value="OPEN">Open drafting — delegates edit or suggest</option>
        <option value="NEGOTIATION">Negotiation — delegates only suggest</option>
      </select>
      {problem && <span className="field__error" role="alert">{problem}</span>}
    </div>
  );
}
