"use client";

import { useState, type FormEvent } from "react";
import Link from "next/link";
import { ImportReport } from "@/components/imports/ImportReport";
import { WordFileStep } from "@/components/imports/WordFileStep";
import styles from "@/components/imports/imports.module.css";
import { sendWordUpload, type ImportNotice, type ImportSummary } from "@/components/imports/word-upload";

type Replaced = { title: string; anchoredThreads: number; openSuggestions: number };
type Analysis = { summary: ImportSummary; notices: ImportNotice[]; replaced: Replaced };
type Done = { checkpoint: { id: string; number: number } };

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * Replacing a draft's text from a Word file, in three steps: the file is checked and the report
 * shown with what will happen to the current text (nothing is stored); "Replace the whole text"
 * sends the same file again; the result links to the checkpoint comparison.
 */
export function ReplaceTextForm({ documentId }: { documentId: string }) {
  const url = `/api/documents/${documentId}/import`;
  const [file, setFile] = useState<File | null>(null);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function handleAnalyse() {
    if (!file) return setError("Choose a Word file (.docx) to import.");
    setIsBusy(true);
    setError(null);
    setAnalysis(null);
    setDone(null);
    try {
      setAnalysis(await sendWordUpload<Analysis>(url, { file }));
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
      setDone(await sendWordUpload<Done>(url, { file, confirm: "true" }));
      setAnalysis(null);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setIsBusy(false);
    }
  }

  if (done) {
    return (
      <section className="card" aria-labelledby="replace-done" data-testid="replace-done">
        <h2 id="replace-done">The text was replaced</h2>
        <p role="status">
          Everyone with the document open now sees the text of the Word file. The previous text is saved as checkpoint v{done.checkpoint.number} in Versions.
        </p>
        <div className="row">
          <Link className="button button--primary" href={`/documents/${documentId}`}>Open the document</Link>
          <Link className="button" href={`/documents/${documentId}/compare?from=${done.checkpoint.id}&to=live`}>Compare the previous text with the new one</Link>
        </div>
      </section>
    );
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
          <h2 id="import-step-2">2. Check the report and confirm</h2>
          <ImportReport summary={analysis.summary} notices={analysis.notices} />
          <div className="alert alert--error" data-testid="replace-consequences">
            <p className={styles.noticeHeading}>This replaces the whole text of “{analysis.replaced.title}”.</p>
            <ul className={styles.notices}>
              <li>Everyone who has the document open sees the Word file’s text at once, in place of the current text.</li>
              <li>The current text is saved first as a checkpoint, so it stays in the version history and can be compared with the new text.</li>
              {analysis.replaced.anchoredThreads > 0 && (
                <li>{plural(analysis.replaced.anchoredThreads, "comment thread is", "comment threads are")} anchored in the current text: they keep their quote but lose their place in the text.</li>
              )}
              {analysis.replaced.openSuggestions > 0 && (
                <li>{plural(analysis.replaced.openSuggestions, "open suggestion goes", "open suggestions go")} with the current text (the checkpoint keeps the text without them).</li>
              )}
            </ul>
          </div>
          <div className="row">
            <button className="button button--danger" type="submit" disabled={isBusy}>
              {isBusy ? "Replacing…" : "Replace the whole text"}
            </button>
            <Link className="button button--ghost" href={`/documents/${documentId}`}>Keep the current text</Link>
          </div>
        </form>
      )}
    </div>
  );
}
