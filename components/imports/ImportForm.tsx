"use client";

import { useId, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { ImportReport } from "@/components/imports/ImportReport";
import { WordFileStep } from "@/components/imports/WordFileStep";
import styles from "@/components/imports/imports.module.css";
import { useWordUpload } from "@/components/imports/use-word-upload";
import type { ImportNotice, ImportSummary } from "@/components/imports/word-upload";

type Analysis = { summary: ImportSummary; notices: ImportNotice[]; suggestedTitle: string };

const IMPORT_URL = "/api/documents/import";

/**
 * Two steps: the file is analysed and the report shown (nothing is stored), then "Create the
 * document" sends the same file again with a title. The server reads the file afresh each time.
 */
export function ImportForm() {
  const router = useRouter();
  const titleId = useId();
  const [title, setTitle] = useState("");
  const [isMemorandum, setIsMemorandum] = useState(false);
  const { analysis, isBusy, fileStep, confirm } = useWordUpload<Analysis>(IMPORT_URL, { onAnalysed: (result) => setTitle(result.suggestedTitle) });

  async function handleConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await confirm<{ documentId: string }>({ confirm: "true", title, kind: isMemorandum ? "MOU" : "OTHER" });
    if (result) router.push(`/documents/${result.documentId}`);
  }

  return (
    <div className={styles.steps}>
      <WordFileStep {...fileStep} />

      {analysis && (
        <form className="card" onSubmit={handleConfirm} aria-labelledby="import-step-2" data-testid="import-report">
          <h2 id="import-step-2">2. Check the import report</h2>
          <ImportReport summary={analysis.summary} notices={analysis.notices} />
          <div className="field">
            <label htmlFor={titleId}>Title of the new document</label>
            <input id={titleId} className="input" value={title} onChange={(event) => setTitle(event.target.value)} required minLength={3} maxLength={200} />
          </div>
          <label className={styles.checkbox}>
            <input type="checkbox" checked={isMemorandum} onChange={(event) => setIsMemorandum(event.target.checked)} /> This is the Memorandum under negotiation
          </label>
          <div className="row">
            <button className="button button--primary" type="submit" disabled={isBusy}>
              {isBusy ? "Creating…" : "Create the document"}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
