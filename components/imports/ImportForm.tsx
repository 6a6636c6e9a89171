"use client";

import { useId, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { ImportReport } from "@/components/imports/ImportReport";
import { WordFileStep } from "@/components/imports/WordFileStep";
import styles from "@/components/imports/imports.module.css";
import { sendWordUpload, type ImportNotice, type ImportSummary } from "@/components/imports/word-upload";

type Analysis = { summary: ImportSummary; notices: ImportNotice[]; suggestedTitle: string };

const IMPORT_URL = "/api/documents/import";

/**
 * Two steps: the file is analysed and the report shown (nothing is stored), then "Create the
 * document" sends the same file again with a title. The server reads the file afresh each time.
 */
export function ImportForm() {
  const router = useRouter();
  const titleId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [title, setTitle] = useState("");
  const [isMemorandum, setIsMemorandum] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function handleAnalyse() {
    if (!file) return setError("Choose a Word file (.docx) to import.");
    setIsBusy(true);
    setError(null);
    setAnalysis(null);
    try {
      const result = await sendWordUpload<Analysis>(IMPORT_URL, { file });
      setAnalysis(result);
      setTitle(result.suggestedTitle);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setIsBusy(false);
    }
  }

  async function handleConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return;
    setIsBusy(true);
    setError(null);
    try {
      const result = await sendWordUpload<{ documentId: string }>(IMPORT_URL, { file, confirm: "true", title, kind: isMemorandum ? "MOU" : "OTHER" });
      router.push(`/documents/${result.documentId}`);
    } catch (caught) {
      setError((caught as Error).message);
      setIsBusy(false);
    }
  }

  return (
    <div className={styles.steps}>
      <WordFileStep
        isBusy={isBusy}
        isReading={isBusy && !analysis}
        error={error}
        onFileChange={(chosen) => {
          setFile(chosen);
          setAnalysis(null);
          setError(null);
        }}
        onSubmit={handleAnalyse}
      />

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
